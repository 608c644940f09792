// The pipeline's one Slack message formatter (incoming-webhook payload: text + blocks).
//
// Usage: node slack-message.mjs EVENT KEY=VALUE...
//   pipeline-failure  workflow= ref= sha= run_url= [job=]       a workflow failed on main
//   deploy-started    environment= image= run_url=              a production deployment begins
//   deploy-finished   environment= image= run_url= result=      ... ends (success | failure | cancelled)
//   gate-block        gate= summary= run_url=                    a security gate blocked the pipeline
// Prints the JSON payload. Exit 2 on an unknown event, a missing or unexpected key.
const EVENTS = {
  'pipeline-failure': { required: ['workflow', 'ref', 'sha', 'run_url'], optional: ['job'] },
  'deploy-started': { required: ['environment', 'image', 'run_url'], optional: [] },
  'deploy-finished': { required: ['environment', 'image', 'run_url', 'result'], optional: [] },
  'gate-block': { required: ['gate', 'summary', 'run_url'], optional: [] },
};
const [event, ...pairs] = process.argv.slice(2);
const spec = EVENTS[event];
if (!spec) {
  console.error(`slack-message: unknown event ${event ?? '(none)'}; one of ${Object.keys(EVENTS).join(', ')}`);
  process.exit(2);
}
const v = {};
for (const pair of pairs) {
  const i = pair.indexOf('=');
  const key = i < 0 ? pair : pair.slice(0, i);
  if (i < 0 || (!spec.required.includes(key) && !spec.optional.includes(key))) {
    console.error(`slack-message: ${event} does not take ${pair}`);
    process.exit(2);
  }
  v[key] = pair.slice(i + 1);
}
const missing = spec.required.filter((k) => !v[k]);
if (missing.length > 0) {
  console.error(`slack-message: ${event} needs ${missing.join(', ')}`);
  process.exit(2);
}
// Slack mrkdwn treats &, < and > as control characters: escape what comes from the pipeline.
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const link = (url, label) => (/^https:\/\/[^\s|<>]+$/.test(url) ? `<${url}|${esc(label)}>` : esc(label));

let text;
let fields;
switch (event) {
  case 'pipeline-failure':
    text = `:red_circle: ${esc(v.workflow)} failed on ${esc(v.ref)}${v.job ? ` (job ${esc(v.job)})` : ''}`;
    fields = [['Commit', esc(v.sha.slice(0, 12))], ['Run', link(v.run_url, 'workflow run')]];
    break;
  case 'deploy-started':
    text = `:rocket: Deployment to ${esc(v.environment)} started`;
    fields = [['Image', `\`${esc(v.image)}\``], ['Run', link(v.run_url, 'workflow run')]];
    break;
  case 'deploy-finished': {
    const icon = { success: ':white_check_mark:', failure: ':x:', cancelled: ':warning:' }[v.result] ?? ':grey_question:';
    text = `${icon} Deployment to ${esc(v.environment)} finished: ${esc(v.result)}`;
    fields = [['Image', `\`${esc(v.image)}\``], ['Run', link(v.run_url, 'workflow run')]];
    break;
  }
  case 'gate-block':
    text = `:no_entry: Security gate ${esc(v.gate)} blocked the pipeline`;
    fields = [['Findings', esc(v.summary)], ['Run', link(v.run_url, 'workflow run')]];
    break;
}
const payload = {
  text,
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text } },
    { type: 'section', fields: fields.map(([k, val]) => ({ type: 'mrkdwn', text: `*${k}*\n${val}` })) },
  ],
};
console.log(JSON.stringify(payload));
