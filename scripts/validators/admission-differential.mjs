// The two halves of the differential admission check (scripts/checks/admission-differential.sh): the
// inputs the real Kyverno CLI gets from one rendered environment, and the comparison of its verdicts
// with those of the evaluator `bootstrap validate` runs (`bootstrap admission-report`).
//
// Usage:
//   node admission-differential.mjs prepare RENDER_DIR EVALUATOR_JSON OUT_DIR
//     writes OUT_DIR/policies.yaml (the rendered ClusterPolicies and Policies, without those that
//     verify image signatures: they would call the registry), OUT_DIR/exceptions.yaml (the
//     PolicyExceptions the rendered admission controller honours: --enablePolicyException and
//     --exceptionNamespace), OUT_DIR/resources.yaml (every Pod and pod controller of the render that
//     Kyverno's resource filters, from its rendered ConfigMap, leave to admission, plus the objects
//     the evaluator models for pods operators create; null fields dropped as the API server does
//     before admission) and OUT_DIR/sent.json (their ids); prints "<policies> <skipped>
//     <exceptions> <resources> <filtered> <modelled>".
//   node admission-differential.mjs compare ENV EVALUATOR_JSON KYVERNO_REPORT_JSON [SENT_JSON]
//     the refusals (kind, namespace, name, policy, rule) of both sides must be the same set; every
//     disagreement is printed naming the side that refused; Kyverno errors count as disagreements;
//     with SENT_JSON (prepare's OUT_DIR/sent.json) every object sent must have Kyverno results.
//   node admission-differential.mjs strip RENDER_DIR OUT_DIR
//     writes OUT_DIR/render.yaml: the render with every Pod and pod controller template stripped of
//     its security contexts and resources; prints how many were stripped.
//   exit 0 agree (prepare: written), 1 disagreement, 2 unreadable input or usage
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

const CONTROLLERS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet', 'CronJob', 'Pod'];

function die(message) {
  console.error(`FAIL: ${message}`);
  process.exit(2);
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    return die(`${file}: cannot read (${e.code})`);
  }
}

function readJson(file) {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    return die(`${file}: not JSON (${e.message.split('\n')[0]})`);
  }
}

// The YAML documents of a render directory's files, as text, each with its top-level kind: the
// render separates them with `---` lines, and only the few kinds this script reads are parsed (the
// CRDs and dashboards that make up most of a render are not).
function documents(dir) {
  let files;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch (e) {
    return die(`${dir}: cannot list (${e.code})`);
  }
  return files.flatMap((f) =>
    readText(join(dir, f))
      .split(/^---[ \t]*$/m)
      .map((text) => ({ file: join(dir, f), text, kind: /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(text)?.[1] })),
  );
}

function parse(doc) {
  // Rendered output may repeat a key (a chart template); the API server keeps the last one.
  const parsed = parseAllDocuments(doc.text, { uniqueKeys: false });
  for (const d of parsed) if (d.errors.length > 0) die(`${doc.file}: YAML error: ${d.errors[0].message.split('\n')[0]}`);
  return parsed.map((d) => d.toJS()).filter((v) => v !== null && typeof v === 'object');
}

// The objects of the kinds KINDS in a render directory, List documents expanded, in file order.
function renderObjects(dir, kinds) {
  const out = [];
  for (const doc of documents(dir)) {
    if (!kinds.includes(doc.kind) && doc.kind !== 'List') continue;
    for (const v of parse(doc)) {
      if (v.kind === 'List' && Array.isArray(v.items)) out.push(...v.items.filter((i) => kinds.includes(i?.kind)));
      else out.push(v);
    }
  }
  return out;
}

// What admission sees of a manifest: the API server decodes it into its typed object first, so a
// field left null in the YAML (a chart's empty `volumes:`) is absent. The CLI reads the raw YAML,
// where a null `volumes` fails `=(volumes)` patterns a cluster's Kyverno never sees fail.
function withoutNulls(v) {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

// Kyverno's wildcards: * any run, ? one character.
function glob(pattern, value) {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function flags(objects, suffix) {
  const result = {};
  for (const o of objects) {
    if (o.kind !== 'Deployment' || !String(o.metadata?.name).endsWith(suffix)) continue;
    for (const c of o.spec?.template?.spec?.containers ?? []) {
      for (const a of c.args ?? []) {
        const m = /^--([^=]+)=(.*)$/.exec(String(a));
        if (m) result[m[1]] = m[2];
      }
    }
  }
  return result;
}

function prepare(renderDir, evaluatorFile, outDir) {
  const objects = renderObjects(renderDir, [...CONTROLLERS, 'ClusterPolicy', 'Policy', 'PolicyException', 'ConfigMap']);
  const evaluator = readJson(evaluatorFile);
  const policies = [];
  const skipped = [];
  for (const o of objects) {
    if (!String(o.apiVersion).startsWith('kyverno.io/') || !['ClusterPolicy', 'Policy'].includes(o.kind)) continue;
    if ((o.spec?.rules ?? []).some((r) => r.verifyImages)) skipped.push(o.metadata.name);
    else policies.push(o);
  }
  const admission = flags(objects, 'admission-controller');
  const exceptions =
    admission.enablePolicyException === 'true'
      ? objects.filter(
          (o) =>
            String(o.apiVersion).startsWith('kyverno.io/') &&
            o.kind === 'PolicyException' &&
            (!admission.exceptionNamespace || o.metadata?.namespace === admission.exceptionNamespace),
        )
      : [];
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === 'kyverno' && o.metadata?.namespace === 'kyverno');
  const filters = [...String(config?.data?.resourceFilters ?? '').matchAll(/\[([^,\]]*),([^,\]]*),([^\]]*)\]/g)].map((m) =>
    m.slice(1, 4).map((s) => s.trim()),
  );
  const filtered = (kind, ns, name) =>
    filters.some(([k, n, x]) => (k === '*/*' || glob(k, kind)) && glob(n, ns) && glob(x, name));
  const resources = [];
  let dropped = 0;
  for (const o of objects) {
    if (!CONTROLLERS.includes(o.kind)) continue;
    if (filtered(o.kind, o.metadata?.namespace ?? 'default', String(o.metadata?.name))) dropped++;
    else resources.push(withoutNulls(o));
  }
  const modelled = (evaluator.evaluated ?? []).filter((e) => e.object);
  for (const e of modelled) {
    if (filtered(e.kind, e.namespace, e.name)) dropped++;
    else resources.push(withoutNulls(e.object));
  }
  if (policies.length === 0) die(`${renderDir}: no Kyverno policies in the render`);
  mkdirSync(outDir, { recursive: true });
  const write = (file, docs) => writeFileSync(join(outDir, file), docs.map((d) => stringify(d)).join('---\n'));
  write('policies.yaml', policies);
  write('exceptions.yaml', exceptions);
  write('resources.yaml', resources);
  writeFileSync(
    join(outDir, 'sent.json'),
    JSON.stringify(resources.map((o) => [o.kind, o.metadata?.namespace || 'default', o.metadata?.name].join('|'))),
  );
  console.log([policies.length, skipped.join(',') || '-', exceptions.length, resources.length, dropped, modelled.length].join(' '));
}

// A copy of a render with every pod template of its controllers and Pods stripped of its security
// contexts and resources: refusals on both sides by the hundred, exceptions deciding many of them.
function strip(renderDir, outDir) {
  const bare = (spec) => {
    if (!spec || typeof spec !== 'object') return;
    delete spec.securityContext;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      delete c.securityContext;
      delete c.resources;
    }
  };
  let stripped = 0;
  const texts = documents(renderDir).map((doc) => {
    if (!CONTROLLERS.includes(doc.kind)) return doc.text;
    return parse(doc)
      .map((o) => {
        if (CONTROLLERS.includes(o.kind)) {
          bare(o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec);
          stripped++;
        }
        return stringify(o);
      })
      .join('---\n');
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'render.yaml'), texts.join('\n---\n'));
  console.log(stripped);
}

const key = (r) => [r.kind, r.namespace || 'default', r.name, r.policy, r.rule].join('|');

function compare(env, evaluatorFile, kyvernoFile, sentFile) {
  const evaluator = readJson(evaluatorFile);
  const report = readJson(kyvernoFile);
  if (!Array.isArray(evaluator.refused)) die(`${evaluatorFile}: no "refused" list`);
  if (!Array.isArray(report.results)) die(`${kyvernoFile}: no "results" list (not a Kyverno policy report)`);
  const ours = new Map(evaluator.refused.map((r) => [key(r), r]));
  const theirs = new Map();
  const problems = [];
  let counted = 0;
  for (const r of report.results) {
    for (const res of r.resources ?? []) {
      counted++;
      const entry = { kind: res.kind, namespace: res.namespace, name: res.name, policy: r.policy, rule: r.rule };
      if (r.result === 'fail') theirs.set(key(entry), { ...entry, message: r.message });
      else if (r.result === 'error') problems.push(`${env}: kyverno could not evaluate ${key(entry)}: ${r.message}`);
    }
  }
  for (const [k, r] of theirs) {
    if (!ours.has(k)) problems.push(`${env}: ${r.kind} ${r.namespace || 'default'}/${r.name} policy ${r.policy}/${r.rule}: refused by kyverno only (${r.message})`);
  }
  for (const [k, r] of ours) {
    if (!theirs.has(k)) problems.push(`${env}: ${r.kind} ${r.namespace}/${r.name} policy ${r.policy}/${r.rule}: refused by the bootstrap evaluator only (${r.detail})`);
  }
  // Every object sent must have been evaluated: a resource the CLI skipped would agree by silence.
  if (sentFile) {
    const seen = new Set(report.results.flatMap((r) => (r.resources ?? []).map((x) => [x.kind, x.namespace || 'default', x.name].join('|'))));
    for (const s of readJson(sentFile)) if (!seen.has(s)) problems.push(`${env}: ${s.replaceAll('|', ' ')}: no kyverno result at all`);
  }
  for (const p of problems) console.log(p);
  if (problems.length > 0) process.exit(1);
  console.log(`${env}: ${counted} kyverno results, ${theirs.size} refusals on both sides`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'prepare' && args.length === 3) prepare(...args);
else if (mode === 'strip' && args.length === 2) strip(...args);
else if (mode === 'compare' && (args.length === 3 || args.length === 4)) compare(...args);
else die('usage: admission-differential.mjs prepare RENDER_DIR EVALUATOR_JSON OUT_DIR | strip RENDER_DIR OUT_DIR | compare ENV EVALUATOR_JSON KYVERNO_REPORT_JSON [SENT_JSON]');
