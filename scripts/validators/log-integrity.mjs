// Logs that must neither leak nor hide.
//
//   waf FILE...         ModSecurity of the NGINX ingress: FILE is the chart values (controller.config)
//                       or a rendered manifest holding the controller ConfigMap, plus Ingress
//                       manifests. The audit log keeps no request/response headers or bodies, the
//                       Core Rule Set never inspects (and so never quotes) Authorization or cookies,
//                       no Ingress re-opens that with a modsecurity-snippet.
//   fluent-bit FILE     Fluent Bit: FILE is the chart values (config.*) or a rendered manifest with
//                       the fluent-bit.conf ConfigMap. Probe noise is dropped by source, never by a
//                       client-controlled value (replayed with attacker and probe lines), and only
//                       namespaces the platform owns may opt out of shipping.
//     --namespaces F    the platform's namespaces (default kubernetes/base/namespaces.yaml)
//     --applications D  Argo CD Applications whose destinations are tenant namespaces
//                       (default kubernetes/argocd/applications)
//
// The ingress-nginx chart copies controller.config into its ConfigMap through `tpl`, so checking the
// values is checking the rendered ConfigMap as long as no value holds a template expression (also
// checked). Problems: "file:line: message"; exit 1 if any, 2 on usage errors.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { grepKeeps, matchesTag, parseClassic } from './fluent-bit.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const problems = [];
const [mode, ...rest] = process.argv.slice(2);

function load(file) {
  const lc = new LineCounter();
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { lineCounter: lc });
  return docs.map((doc) => {
    for (const e of doc.errors) problems.push(`${file}:${e.linePos?.[0]?.line ?? 1}: ${e.message.split('\n')[0]}`);
    const lineOf = (path) => {
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (node?.range) return lc.linePos(node.range[0]).line;
      }
      return 1;
    };
    // Line of a scalar's i-th text line: a block scalar's content starts after its | or > line; a
    // quoted scalar (as helm template writes ConfigMap data) keeps its text on one line.
    const textLine = (path) => {
      const node = doc.getIn(path, true);
      const block = node?.type === 'BLOCK_LITERAL' || node?.type === 'BLOCK_FOLDED';
      return (i) => lineOf(path) + (block ? 1 + i : 0);
    };
    return { file, value: doc.toJS() ?? {}, lineOf, textLine };
  });
}

// ------------------------------------------------------------------------------------ ModSecurity
// Audit log parts (ModSecurity reference manual): only these carry no request or response content.
const SAFE_PARTS = { A: 'audit header', H: 'audit trailer with the matched rules', K: 'list of matched rules', Z: 'end marker' };
const PART_CONTENT = {
  B: 'request headers: Authorization, Cookie', C: 'request body', D: 'reserved', E: 'response body',
  F: 'response headers: Set-Cookie', G: 'reserved', I: 'request body', J: 'uploaded files',
};
const CREDENTIAL_TARGETS = ['REQUEST_HEADERS:Authorization', 'REQUEST_HEADERS:Proxy-Authorization', 'REQUEST_HEADERS:Cookie', 'REQUEST_COOKIES'];

function checkController(doc, config, path) {
  const at = (key) => `${doc.file}:${doc.lineOf([...path, key])}`;
  for (const [key, value] of Object.entries(config)) {
    if (String(value).includes('{{')) problems.push(`${at(key)}: ${key} holds a template expression: the chart passes config through tpl, so the rendered value would differ`);
  }
  if (String(config['enable-modsecurity']) !== 'true') return;
  const snippet = config['modsecurity-snippet'];
  if (typeof snippet !== 'string') {
    problems.push(`${at('enable-modsecurity')}: ModSecurity without modsecurity-snippet loads the controller's default configuration, whose audit log keeps request headers and bodies`);
    return;
  }
  const lineAt = doc.textLine([...path, 'modsecurity-snippet']);
  const directives = snippet.split('\n').map((text, i) => ({ text: text.trim(), line: lineAt(i) }))
    .filter((d) => d.text && !d.text.startsWith('#'));
  const find = (name) => directives.filter((d) => d.text.split(/\s+/)[0].toLowerCase() === name.toLowerCase());
  const arg = (d) => d.text.slice(d.text.split(/\s+/)[0].length).trim().replace(/^"(.*)"$/, '$1');
  const where = (d) => `${doc.file}:${d?.line ?? doc.lineOf([...path, 'modsecurity-snippet'])}`;

  const engine = find('SecRuleEngine').at(-1);
  if (!engine || arg(engine) !== 'On') problems.push(`${where(engine)}: SecRuleEngine must be On (the WAF blocks; DetectionOnly only logs)`);

  const audit = find('SecAuditEngine').at(-1);
  if (!audit || arg(audit) !== 'Off') {
    const parts = find('SecAuditLogParts').at(-1);
    if (!parts) {
      problems.push(`${where(audit)}: the audit log is on without SecAuditLogParts: the default parts include the request headers`);
    } else {
      for (const letter of arg(parts)) {
        if (!(letter in SAFE_PARTS)) {
          problems.push(`${where(parts)}: SecAuditLogParts ${arg(parts)} logs part ${letter} (${PART_CONTENT[letter] ?? 'unknown'}): keep to ${Object.keys(SAFE_PARTS).join('')}`);
        }
      }
    }
  }

  if (String(config['enable-owasp-modsecurity-crs']) === 'true') {
    // Runtime exclusions (ctl: in a phase 1 action) must precede the CRS; ingress-nginx emits the
    // snippet before its CRS include, so any phase 1 SecAction of the snippet qualifies.
    const removed = new Set();
    for (const d of find('SecAction')) {
      const actions = arg(d);
      if (!/(^|,)\s*phase:(1|request)\s*(,|$)/.test(actions)) continue;
      for (const [, tag, target] of actions.matchAll(/ctl:ruleRemoveTargetByTag=([^;,]+);([^,"]+)/g)) {
        if (tag === 'OWASP_CRS') removed.add(target.trim().toLowerCase());
      }
    }
    for (const target of CREDENTIAL_TARGETS) {
      if (!removed.has(target.toLowerCase())) {
        problems.push(`${where(engine)}: the Core Rule Set still inspects ${target}: a rule match quotes its value into the audit and error logs (add a phase 1 ctl:ruleRemoveTargetByTag=OWASP_CRS;${target})`);
      }
    }
  }
}

function checkWaf(files) {
  let controllers = 0;
  for (const file of files) {
    for (const doc of load(file)) {
      const v = doc.value;
      if (v.controller?.config) {
        controllers++;
        checkController(doc, v.controller.config, ['controller', 'config']);
        if (v.controller.allowSnippetAnnotations !== false) {
          problems.push(`${doc.file}:${doc.lineOf(['controller', 'allowSnippetAnnotations'])}: controller.allowSnippetAnnotations must be false (an Ingress snippet could re-enable request logging)`);
        }
      } else if (v.kind === 'ConfigMap' && v.data && 'enable-modsecurity' in v.data) {
        controllers++;
        checkController(doc, v.data, ['data']);
        if (String(v.data['allow-snippet-annotations']) === 'true') {
          problems.push(`${doc.file}:${doc.lineOf(['data', 'allow-snippet-annotations'])}: allow-snippet-annotations must not be true`);
        }
      } else if (v.kind === 'Ingress') {
        for (const key of Object.keys(v.metadata?.annotations ?? {})) {
          if (/modsecurity-snippet$/.test(key)) {
            problems.push(`${doc.file}:${doc.lineOf(['metadata', 'annotations', key])}: Ingress ${v.metadata.name} sets ${key}: ModSecurity is configured only in the controller values`);
          }
        }
      }
    }
  }
  if (controllers === 0) problems.push(`${files[0]}:1: no ingress-nginx controller configuration found`);
  return `${controllers} controller configuration(s), ${files.length} file(s)`;
}

// ------------------------------------------------------------------------------------- Fluent Bit
const tagOf = (namespace, pod, container) => `kube.var.log.containers.${pod}_${namespace}_${container}-0123456789abcdef.log`;

// Lines an attacker controls (kept), and probe noise identified by its source (dropped). Records are
// what the tail input produces; the replay applies Merge_Log where a kubernetes filter does.
const ingress = (line) => ({ log: line });
const REPLAY = [
  { what: 'an attacker\'s ingress line with User-Agent kube-probe', ns: 'ingress-nginx', pod: 'ingress-nginx-controller-6d5f', c: 'controller',
    record: ingress('203.0.113.7 - - [30/Nov/2026:08:00:00 +0000] "POST /api/v1/items HTTP/1.1" 403 146 "-" "kube-probe/1.32" 512 0.001 [devsecops-app-devsecops-app-http] [] - - - - 4f1c'), keep: true },
  { what: 'an attacker\'s ingress line for a probe path', ns: 'ingress-nginx', pod: 'ingress-nginx-controller-6d5f', c: 'controller',
    record: ingress('203.0.113.7 - - [30/Nov/2026:08:00:01 +0000] "GET /health/liveness HTTP/1.1" 404 0 "-" "curl/8.5.0" 80 0.000 [-] [] - - - - 4f1d'), keep: true },
  { what: 'an attacker requesting /healthz through the load balancer', ns: 'ingress-nginx', pod: 'ingress-nginx-controller-6d5f', c: 'controller',
    record: ingress('203.0.113.7 - - [30/Nov/2026:08:00:02 +0000] "GET /healthz HTTP/1.1" 200 0 "-" "kube-probe/1.32" 80 0.000 [-] [] - - - - 4f1e'), keep: true },
  { what: 'a WAF audit record of an attacker\'s request to a probe path', ns: 'ingress-nginx', pod: 'ingress-nginx-controller-6d5f', c: 'controller',
    record: ingress(JSON.stringify({ transaction: { client_ip: '203.0.113.7', request: { method: 'GET', uri: '/health/readiness' }, messages: [{ message: 'Host header is a numeric IP address' }] } })), keep: true },
  { what: 'a mesh access line of a probe path reached through the public port', ns: 'devsecops-app', pod: 'devsecops-app-7c9b', c: 'istio-proxy',
    record: ingress(JSON.stringify({ path: '/health/readiness', downstream_local_address: '10.244.1.5:8080', user_agent: 'kube-probe/1.32', response_code: 200 })), keep: true },
  { what: 'an application line mentioning kube-probe', ns: 'devsecops-app', pod: 'devsecops-app-7c9b', c: 'devsecops-app',
    record: ingress(JSON.stringify({ level: 'WARN', message: 'rejected token from client kube-probe/1.32 at /health/liveness' })), keep: true },
  { what: 'the kubelet probing the management port (mesh access line)', ns: 'devsecops-app', pod: 'devsecops-app-7c9b', c: 'istio-proxy',
    record: ingress(JSON.stringify({ path: '/health/liveness', downstream_local_address: '10.244.1.5:8081', user_agent: 'kube-probe/1.32', response_code: 200 })), keep: false },
  { what: 'the Azure load balancer probing the ingress controller', ns: 'ingress-nginx', pod: 'ingress-nginx-controller-6d5f', c: 'controller',
    record: ingress('168.63.129.16 - - [30/Nov/2026:08:00:03 +0000] "GET /healthz HTTP/1.1" 200 0 "-" "Load Balancer Agent" 92 0.000 [-] [] - - - - 4f1f'), keep: false },
];

// Runs one record through the filters in order: kubernetes filters with Merge_Log merge a JSON log
// line into fields (Keep_Log Off drops the line), grep filters keep or drop it.
function replay(filters, tag, input) {
  let record = { ...input };
  for (const f of filters) {
    if (!matchesTag(f, tag)) continue;
    const name = f.entries.get('name');
    if (name === 'kubernetes' && /^on$/i.test(f.entries.get('merge_log') ?? '')) {
      try {
        const parsed = JSON.parse(record.log);
        if (parsed && typeof parsed === 'object') {
          record = { ...record, ...parsed };
          if (!/^on$/i.test(f.entries.get('keep_log') ?? 'on')) delete record.log;
        }
      } catch {
        // not JSON: the line stays as it is
      }
    } else if (name === 'grep' && !grepKeeps(f, record)) {
      return { kept: false, by: f };
    }
  }
  return { kept: true };
}

function namespacesFrom(file) {
  return load(file).filter((d) => d.value.kind === 'Namespace').map((d) => d.value.metadata.name);
}

function tenantNamespaces(dir) {
  const found = new Set();
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e)) {
        for (const doc of load(p)) if (doc.value.kind === 'Application') found.add(doc.value.spec?.destination?.namespace);
      }
    }
  };
  walk(dir);
  return [...found].filter(Boolean);
}

function checkFluentBit(file, namespacesFile, applicationsDir) {
  const sections = [];
  for (const doc of load(file)) {
    const v = doc.value;
    const texts = v.config ? ['service', 'inputs', 'filters', 'outputs'].map((k) => [['config', k], v.config[k]])
      : v.kind === 'ConfigMap' && typeof v.data?.['fluent-bit.conf'] === 'string' ? [[['data', 'fluent-bit.conf'], v.data['fluent-bit.conf']]] : [];
    for (const [path, text] of texts) {
      if (typeof text !== 'string') continue;
      const lineAt = doc.textLine(path);
      sections.push(...parseClassic(text, (i) => `${doc.file}:${lineAt(i)}`, (e) => problems.push(e)));
    }
  }
  const filters = sections.filter((s) => s.kind === 'FILTER');
  const kubernetes = filters.filter((f) => f.entries.get('name') === 'kubernetes');
  if (kubernetes.length === 0) {
    problems.push(`${file}:1: no kubernetes filter found`);
    return 'no filters';
  }

  const tenants = tenantNamespaces(applicationsDir);
  const platform = ['kube-system', ...namespacesFrom(namespacesFile).filter((n) => !tenants.includes(n))];
  // A namespace nobody declared yet (a new team's) is a tenant too.
  const all = [...platform.map((ns) => [ns, false]), ...[...tenants, 'team-a'].map((ns) => [ns, true])];
  for (const [ns, tenant] of all) {
    const tag = tagOf(ns, 'web-5d9c7', 'app');
    const hits = kubernetes.filter((f) => matchesTag(f, tag));
    if (hits.length !== 1) {
      problems.push(`${kubernetes[0].where}: logs of namespace ${ns} pass ${hits.length} kubernetes filters (exactly one must enrich them)`);
      continue;
    }
    if (tenant && /^on$/i.test(hits[0].entries.get('k8s-logging.exclude') ?? 'off')) {
      problems.push(`${hits[0].where}: pods in namespace ${ns}, which the platform does not own, can opt out of log shipping (K8S-Logging.Exclude On)`);
    }
  }

  for (const f of filters.filter((x) => x.entries.get('name') === 'grep')) {
    for (const [k, v, where] of f.all) {
      if ((k === 'exclude' || k === 'regex') && /agent|kube-probe/i.test(v)) {
        problems.push(`${where}: grep ${k} ${v} decides on a client-controlled value (User-Agent): drop probe noise by its source`);
      }
    }
  }

  for (const r of REPLAY) {
    const tag = tagOf(r.ns, r.pod, r.c);
    const result = replay(filters, tag, r.record);
    if (result.kept !== r.keep) {
      const at = result.by?.where ?? kubernetes[0].where;
      problems.push(r.keep ? `${at}: drops ${r.what}` : `${at}: ships ${r.what} (probe noise)`);
    }
  }
  return `${filters.length} filters, ${all.length} namespaces (${platform.length} platform), ${REPLAY.length} replayed lines`;
}

function option(name, fallback) {
  const i = rest.indexOf(name);
  if (i < 0) return fallback;
  const value = rest[i + 1];
  rest.splice(i, 2);
  return value;
}

let summary;
if (mode === 'waf' && rest.length > 0) {
  summary = checkWaf(rest);
} else if (mode === 'fluent-bit') {
  const namespaces = option('--namespaces', join(ROOT, 'kubernetes/base/namespaces.yaml'));
  const applications = option('--applications', join(ROOT, 'kubernetes/argocd/applications'));
  if (rest.length !== 1) {
    console.error('usage: node log-integrity.mjs fluent-bit FILE [--namespaces F] [--applications DIR]');
    process.exit(2);
  }
  summary = checkFluentBit(rest[0], namespaces, applications);
} else {
  console.error('usage: node log-integrity.mjs waf FILE... | fluent-bit FILE [--namespaces F] [--applications DIR]');
  process.exit(2);
}
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`log-integrity ${mode}: ${summary}, no problems`);
