// Converts a ZAP JSON report (report_json.json of the baseline/API scans) to SARIF 2.1.0 for the
// GitHub Security tab: one rule per ZAP plugin, one result per alert instance (URL).
//
// Usage: node zap-to-sarif.mjs ZAP_JSON SARIF_OUT [--rules security/zap-rules.tsv]
//   --rules  drop alerts the policy IGNOREs and raise FAIL rules to "error", as the scan did.
// Exit codes: 0 written, 1 unreadable or not a ZAP report, 2 usage.
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const rulesAt = args.indexOf('--rules');
let rulesFile = null;
if (rulesAt >= 0) {
  rulesFile = args[rulesAt + 1];
  args.splice(rulesAt, 2);
}
if (args.length !== 2 || (rulesAt >= 0 && !rulesFile)) {
  console.error('usage: node zap-to-sarif.mjs ZAP_JSON SARIF_OUT [--rules RULES_TSV]');
  process.exit(2);
}
const [input, output] = args;

function fail(message) {
  console.error(`zap-to-sarif: ${message}`);
  process.exit(1);
}

let report;
try {
  report = JSON.parse(readFileSync(input, 'utf8'));
} catch (e) {
  fail(`${input}: ${e.message}`);
}
if (!Array.isArray(report?.site)) fail(`${input}: not a ZAP JSON report (no "site" list)`);

const policy = new Map();
if (rulesFile) {
  for (const line of readFileSync(rulesFile, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [id, action] = line.split('\t');
    policy.set(id, action);
  }
}

// ZAP riskcode: 0 informational, 1 low, 2 medium, 3 high.
const LEVEL = ['note', 'note', 'warning', 'error'];
const SEVERITY = ['0.0', '3.0', '5.5', '8.0'];
const strip = (html) => String(html ?? '').replace(/<[^>]*>/g, '').trim();

const rules = new Map();
const results = [];
for (const site of report.site) {
  for (const alert of site.alerts ?? []) {
    const id = String(alert.pluginid);
    const action = policy.get(id);
    if (action === 'IGNORE') continue;
    const risk = Math.max(0, Math.min(3, Number(alert.riskcode) || 0));
    const level = action === 'FAIL' ? 'error' : LEVEL[risk];
    if (!rules.has(id)) {
      const cwe = Number(alert.cweid) > 0 ? [`external/cwe/cwe-${alert.cweid}`] : [];
      rules.set(id, {
        id,
        name: strip(alert.name ?? alert.alert).replace(/\s+/g, ''),
        shortDescription: { text: strip(alert.name ?? alert.alert) },
        fullDescription: { text: strip(alert.desc) || strip(alert.name ?? alert.alert) },
        help: { text: strip(alert.solution) || 'See the ZAP alert reference.' },
        helpUri: `https://www.zaproxy.org/docs/alerts/${id}/`,
        properties: { tags: ['security', 'dast', ...cwe], 'security-severity': SEVERITY[risk] },
      });
    }
    for (const instance of alert.instances ?? [{ uri: site['@name'] }]) {
      const where = `${instance.method ?? 'GET'} ${instance.uri ?? site['@name']}`;
      const detail = [instance.param && `parameter ${instance.param}`, instance.evidence && `evidence: ${instance.evidence}`]
        .filter(Boolean)
        .join('; ');
      results.push({
        ruleId: id,
        level,
        message: { text: `${strip(alert.name ?? alert.alert)} at ${where}${detail ? ` (${detail})` : ''}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: instance.uri ?? site['@name'] } } }],
        partialFingerprints: { zapAlert: `${id}:${instance.method ?? 'GET'}:${instance.uri}:${instance.param ?? ''}` },
      });
    }
  }
}

const sarif = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: {
          name: 'OWASP ZAP',
          version: String(report['@version'] ?? 'unknown'),
          informationUri: 'https://www.zaproxy.org/',
          rules: [...rules.values()],
        },
      },
      results,
    },
  ],
};
writeFileSync(output, `${JSON.stringify(sarif, null, 2)}\n`);
console.log(`zap-to-sarif: ${results.length} results from ${rules.size} rules written to ${output}`);
