// Structural check of Kyverno ClusterPolicies, PolicyExceptions and `kyverno test` suites, since the
// Kyverno CLI cannot run offline here. Keys and types follow the Kyverno 1.14 API (kyverno.io/v1
// ClusterPolicy, kyverno.io/v2 PolicyException, cli.kyverno.io/v1alpha1 Test); every suite must point
// at existing policy and resource files, name existing policies, rules and resources, and expect at
// least one pass (or skip) and one fail; every exception must lift existing rules, in the kyverno
// namespace, with an owner, a reason and an expiry date that has not passed, and must name its
// workloads: every match filter lists namespaces and names, none of them a bare wildcard, so no
// exception can exempt a whole namespace. In each rendered file (the overlays), the policies name
// one registry host only, so a JSON patch that missed a rule or array index cannot leave the base
// registry in force next to the environment's.
//
// Usage: node kyverno-structure.mjs POLICY_DIR [RENDERED_FILE...]
//   exit 0 valid, 1 problems found, 2 unreadable input
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { Report, loadDocuments, checkKeys, isObject, lineOf } from './lib.mjs';

const report = new Report('kyverno-structure');
const [policyDir, ...renderedFiles] = process.argv.slice(2);
if (!policyDir || !existsSync(policyDir)) {
  console.error(`usage: kyverno-structure.mjs POLICY_DIR [RENDERED...] (no such directory: ${policyDir})`);
  process.exit(2);
}
const today = process.env.KYVERNO_CHECK_TODAY ?? new Date().toISOString().slice(0, 10);
const EXCEPTION_NAMESPACE = 'kyverno';
const OWNER = 'platform.aksdevsecops.io/owner';
const EXPIRES = 'platform.aksdevsecops.io/expires';
const REASON = 'platform.aksdevsecops.io/reason';
// A name or namespace pattern that starts with a wildcard matches workloads nobody reviewed.
const BROAD_PATTERN = /^[*?]/;
const REGISTRY_HOST = /\b[a-z0-9][a-z0-9-]*\.azurecr\.io\b/g;

const FAILURE_ACTIONS = ['Audit', 'Enforce'];
const POLICY_SPEC = {
  rules: ['array', true], background: 'boolean', admission: 'boolean', validationFailureAction: 'string',
  validationFailureActionOverrides: 'array', failurePolicy: 'string', webhookTimeoutSeconds: 'integer',
  mutateExistingOnPolicyUpdate: 'boolean', generateExisting: 'boolean', useServerSideApply: 'boolean',
  applyRules: 'string', emitWarning: 'boolean', webhookConfiguration: 'object', schemaValidation: 'boolean',
};
const RULE = {
  name: ['string', true], match: ['object', true], exclude: 'object', context: 'array', preconditions: 'any',
  celPreconditions: 'array', validate: 'object', mutate: 'object', generate: 'object', verifyImages: 'array',
  skipBackgroundRequests: 'boolean', reportProperties: 'object', imageExtractors: 'object',
};
const MATCH = { any: 'array', all: 'array', resources: 'object', subjects: 'array', roles: 'stringArray', clusterRoles: 'stringArray' };
const FILTER = { resources: 'object', subjects: 'array', roles: 'stringArray', clusterRoles: 'stringArray' };
const RESOURCES = {
  kinds: ['stringArray', true], names: 'stringArray', name: 'string', namespaces: 'stringArray', annotations: 'object',
  selector: 'object', namespaceSelector: 'object', operations: 'stringArray',
};
const VALIDATE = {
  message: 'string', pattern: 'object', anyPattern: 'array', deny: 'object', foreach: 'array', podSecurity: 'object',
  cel: 'object', manifests: 'object', assert: 'object', failureAction: 'string', failureActionOverrides: 'array',
  allowExistingViolations: 'boolean',
};
const VALIDATE_KINDS = ['pattern', 'anyPattern', 'deny', 'foreach', 'podSecurity', 'cel', 'manifests', 'assert'];
const VERIFY_IMAGE = {
  failureAction: 'string', type: 'string', image: 'string', imageReferences: ['stringArray', true], skipImageReferences: 'stringArray',
  key: 'string', roots: 'string', subject: 'string', issuer: 'string', additionalExtensions: 'object', attestors: 'array',
  attestations: 'array', annotations: 'object', repository: 'string', cosignOCI11: 'boolean', mutateDigest: 'boolean',
  verifyDigest: 'boolean', validate: 'object', required: 'boolean', imageRegistryCredentials: 'object', useCache: 'boolean',
};
const ATTESTOR_SET = { count: 'integer', entries: ['array', true] };
const ATTESTOR = {
  keys: 'object', certificates: 'object', keyless: 'object', attestor: 'object', annotations: 'object', repository: 'string',
  signatureAlgorithm: 'string',
};
const KEYLESS = {
  rekor: 'object', ctlog: 'object', issuer: 'string', issuerRegExp: 'string', subject: 'string', subjectRegExp: 'string',
  roots: 'string', additionalExtensions: 'object',
};
const REGISTRY_CREDENTIALS = { allowInsecureRegistry: 'boolean', providers: 'stringArray', secrets: 'stringArray' };
const EXCEPTION_SPEC = { exceptions: ['array', true], match: ['object', true], conditions: 'object', podSecurity: 'array', background: 'boolean' };
const EXCEPTION_ENTRY = { policyName: ['string', true], ruleNames: ['stringArray', true] };
const TEST = {
  apiVersion: ['string', true], kind: ['string', true], metadata: ['object', true], policies: ['stringArray', true],
  resources: ['stringArray', true], results: ['array', true], variables: 'string', userinfo: 'string', exceptions: 'stringArray',
  targetResources: 'stringArray', checks: 'array', context: 'string',
};
const TEST_RESULT = {
  policy: ['string', true], rule: 'string', resources: 'stringArray', resource: 'string', kind: ['string', true],
  result: ['string', true], namespace: 'string', patchedResources: 'string', generatedResource: 'string',
  cloneSourceResource: 'string', isValidatingAdmissionPolicy: 'boolean', isValidatingPolicy: 'boolean',
};
const TEST_RESULTS = ['pass', 'fail', 'skip', 'warn', 'error'];
const CONTROLLER_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController'];

function checkMatch(entry, path, match) {
  if (!checkKeys(report, entry, path, match, MATCH)) return;
  const filters = [...(match.any ?? []), ...(match.all ?? [])];
  if (match.resources) filters.push(match);
  if (filters.length === 0) report.error(lineOf(entry, path), `${path.join('.')} selects nothing (any/all/resources)`);
  for (const [i, f] of [...(match.any ?? [])].entries()) checkFilter(entry, [...path, 'any', i], f);
  for (const [i, f] of [...(match.all ?? [])].entries()) checkFilter(entry, [...path, 'all', i], f);
  if (match.resources) checkKeys(report, entry, [...path, 'resources'], match.resources, RESOURCES);
}
function checkFilter(entry, path, f) {
  if (checkKeys(report, entry, path, f, FILTER) && f.resources) checkKeys(report, entry, [...path, 'resources'], f.resources, RESOURCES);
}
function checkFailureAction(entry, path, value) {
  if (value !== undefined && !FAILURE_ACTIONS.includes(value)) {
    report.error(lineOf(entry, path), `${path.join('.')} must be one of ${FAILURE_ACTIONS.join(', ')}, got ${value}`);
  }
}

function checkPolicy(entry) {
  const p = entry.value;
  if (!checkKeys(report, entry, [], p, { apiVersion: 'string', kind: 'string', metadata: ['object', true], spec: ['object', true] })) return null;
  if (p.apiVersion !== 'kyverno.io/v1') report.error(entry.where, `ClusterPolicy apiVersion must be kyverno.io/v1, got ${p.apiVersion}`);
  if (!p.metadata?.name) report.error(entry.where, 'ClusterPolicy without metadata.name');
  if (!checkKeys(report, entry, ['spec'], p.spec, POLICY_SPEC)) return null;
  if (p.spec.failurePolicy !== undefined && !['Fail', 'Ignore'].includes(p.spec.failurePolicy)) {
    report.error(lineOf(entry, ['spec', 'failurePolicy']), 'spec.failurePolicy must be Fail or Ignore');
  }
  if (p.spec.webhookTimeoutSeconds !== undefined && (p.spec.webhookTimeoutSeconds < 1 || p.spec.webhookTimeoutSeconds > 30)) {
    report.error(lineOf(entry, ['spec', 'webhookTimeoutSeconds']), 'spec.webhookTimeoutSeconds must be within 1..30');
  }
  checkFailureAction(entry, ['spec', 'validationFailureAction'], p.spec.validationFailureAction);
  const ruleNames = [];
  for (const [i, rule] of (p.spec.rules ?? []).entries()) {
    const path = ['spec', 'rules', i];
    if (!checkKeys(report, entry, path, rule, RULE)) continue;
    if (ruleNames.includes(rule.name)) report.error(lineOf(entry, [...path, 'name']), `duplicate rule name ${rule.name}`);
    ruleNames.push(rule.name);
    if (rule.name && rule.name.length > 63) report.error(lineOf(entry, [...path, 'name']), 'rule name longer than 63 characters');
    checkMatch(entry, [...path, 'match'], rule.match);
    if (rule.exclude) checkMatch(entry, [...path, 'exclude'], rule.exclude);
    const actions = ['validate', 'mutate', 'generate', 'verifyImages'].filter((k) => k in rule);
    if (actions.length !== 1) report.error(lineOf(entry, path), `rule ${rule.name} needs exactly one of validate/mutate/generate/verifyImages, has ${actions.join(', ') || 'none'}`);
    if (rule.validate && checkKeys(report, entry, [...path, 'validate'], rule.validate, VALIDATE)) {
      const kinds = VALIDATE_KINDS.filter((k) => k in rule.validate);
      if (kinds.length !== 1) report.error(lineOf(entry, [...path, 'validate']), `validate needs exactly one of ${VALIDATE_KINDS.join('/')}, has ${kinds.join(', ') || 'none'}`);
      checkFailureAction(entry, [...path, 'validate', 'failureAction'], rule.validate.failureAction);
      if (!rule.validate.failureAction && !p.spec.validationFailureAction) {
        report.error(lineOf(entry, [...path, 'validate']), `rule ${rule.name} sets no failureAction: Kyverno would default to Audit`);
      }
    }
    for (const [j, vi] of (rule.verifyImages ?? []).entries()) checkVerifyImage(entry, [...path, 'verifyImages', j], vi);
  }
  return { name: p.metadata?.name, rules: ruleNames, where: entry.where };
}

function checkVerifyImage(entry, path, vi) {
  if (!checkKeys(report, entry, path, vi, VERIFY_IMAGE)) return;
  checkFailureAction(entry, [...path, 'failureAction'], vi.failureAction);
  if (vi.type !== undefined && !['Cosign', 'SigstoreBundle', 'Notary'].includes(vi.type)) report.error(lineOf(entry, [...path, 'type']), 'type must be Cosign, SigstoreBundle or Notary');
  if (!vi.attestors?.length && !vi.attestations?.length) report.error(lineOf(entry, path), 'verifyImages entry without attestors or attestations verifies nothing');
  // Kyverno matches skipImageReferences with wildcards whose * spans any characters ('/' included):
  // a prefix skip lets every look-alike repository run unverified. Only one exact image (digest) may be skipped.
  for (const [k, ref] of (vi.skipImageReferences ?? []).entries()) {
    if (!/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+@sha256:[0-9a-f]{64}$/.test(ref)) {
      report.error(lineOf(entry, [...path, 'skipImageReferences', k]), `skipImageReferences entry ${ref} is not one exact image by digest (a wildcard or tag skips look-alike images too)`);
    }
  }
  if (vi.imageRegistryCredentials) checkKeys(report, entry, [...path, 'imageRegistryCredentials'], vi.imageRegistryCredentials, REGISTRY_CREDENTIALS);
  for (const [k, set] of (vi.attestors ?? []).entries()) {
    const setPath = [...path, 'attestors', k];
    if (!checkKeys(report, entry, setPath, set, ATTESTOR_SET)) continue;
    if (set.count !== undefined && (set.count < 1 || set.count > set.entries.length)) report.error(lineOf(entry, [...setPath, 'count']), 'count must be within 1..number of entries');
    for (const [m, att] of (set.entries ?? []).entries()) {
      const attPath = [...setPath, 'entries', m];
      if (!checkKeys(report, entry, attPath, att, ATTESTOR)) continue;
      if (!att.keys && !att.certificates && !att.keyless && !att.attestor) report.error(lineOf(entry, attPath), 'attestor needs keys, certificates, keyless or attestor');
      if (att.keyless) {
        checkKeys(report, entry, [...attPath, 'keyless'], att.keyless, KEYLESS);
        if (!att.keyless.issuer && !att.keyless.issuerRegExp) report.error(lineOf(entry, [...attPath, 'keyless']), 'keyless attestor without issuer accepts any OIDC issuer');
        if (!att.keyless.subject && !att.keyless.subjectRegExp) report.error(lineOf(entry, [...attPath, 'keyless']), 'keyless attestor without subject accepts any signer');
        for (const re of ['issuerRegExp', 'subjectRegExp']) {
          if (att.keyless[re] === undefined) continue;
          try {
            new RegExp(att.keyless[re]);
          } catch (e) {
            report.error(lineOf(entry, [...attPath, 'keyless', re]), `${re} is not a valid regular expression: ${e.message}`);
          }
        }
      }
    }
  }
}

function checkException(entry, policies) {
  const e = entry.value;
  if (!checkKeys(report, entry, [], e, { apiVersion: 'string', kind: 'string', metadata: ['object', true], spec: ['object', true] })) return;
  if (e.apiVersion !== 'kyverno.io/v2') report.error(entry.where, `PolicyException apiVersion must be kyverno.io/v2, got ${e.apiVersion}`);
  const name = e.metadata?.name ?? '(no name)';
  if (e.metadata?.namespace !== EXCEPTION_NAMESPACE) report.error(entry.where, `PolicyException ${name} must live in namespace ${EXCEPTION_NAMESPACE} (the only one Kyverno honours)`);
  const ann = e.metadata?.annotations ?? {};
  if (!ann[OWNER]) report.error(entry.where, `PolicyException ${name} has no ${OWNER} annotation`);
  if (!ann[REASON]) report.error(entry.where, `PolicyException ${name} has no ${REASON} annotation`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ann[EXPIRES] ?? '')) {
    report.error(entry.where, `PolicyException ${name} needs ${EXPIRES} as YYYY-MM-DD`);
  } else if (ann[EXPIRES] < today) {
    report.error(entry.where, `PolicyException ${name} expired on ${ann[EXPIRES]}: renew it deliberately or remove it`);
  }
  if (!checkKeys(report, entry, ['spec'], e.spec, EXCEPTION_SPEC)) return;
  checkMatch(entry, ['spec', 'match'], e.spec.match);
  for (const [i, ex] of (e.spec.exceptions ?? []).entries()) {
    const path = ['spec', 'exceptions', i];
    if (!checkKeys(report, entry, path, ex, EXCEPTION_ENTRY)) continue;
    const policy = policies.get(ex.policyName);
    if (!policy) {
      report.error(lineOf(entry, [...path, 'policyName']), `PolicyException ${name} names unknown policy ${ex.policyName}`);
      continue;
    }
    for (const r of ex.ruleNames ?? []) {
      const base = r.replace(/^autogen-(cronjob-)?/, '');
      if (!policy.rules.includes(base)) report.error(lineOf(entry, [...path, 'ruleNames']), `PolicyException ${name}: policy ${ex.policyName} has no rule ${base}`);
    }
  }
  checkExceptionScope(entry, name, e.spec.match);
}

// Every filter of an exception's match must name namespaces and workloads: a filter without names
// exempts every pod (and controller) of its namespaces, which is what exceptions must never do.
function checkExceptionScope(entry, name, match) {
  if (!isObject(match)) return;
  const filters = [
    ...(match.any ?? []).map((f, i) => [['spec', 'match', 'any', i], f]),
    ...(match.all ?? []).map((f, i) => [['spec', 'match', 'all', i], f]),
  ];
  if (match.resources) filters.push([['spec', 'match'], match]);
  for (const [path, f] of filters) {
    const r = isObject(f) && isObject(f.resources) ? f.resources : {};
    const where = lineOf(entry, path);
    const namespaces = r.namespaces ?? [];
    const names = [...(r.names ?? []), ...(r.name ? [r.name] : [])];
    if (namespaces.length === 0 || namespaces.some((n) => BROAD_PATTERN.test(n))) {
      report.error(where, `PolicyException ${name}: match filter is not scoped to named namespaces`);
    }
    if (names.length === 0) {
      report.error(where, `PolicyException ${name}: match filter names no workloads, so it exempts whole namespaces (${namespaces.join(', ') || 'all'})`);
    } else {
      for (const n of names.filter((x) => BROAD_PATTERN.test(x))) report.error(where, `PolicyException ${name}: name pattern ${n} starts with a wildcard`);
    }
  }
}

// Registry hosts the Kyverno documents of one rendered file mention; an overlay must leave one.
function checkRegistryHosts(docs) {
  let first = null;
  for (const d of docs) {
    for (const h of new Set(JSON.stringify(d.value).match(REGISTRY_HOST) ?? [])) {
      if (!first) first = { host: h, what: `${d.value.kind} ${d.value.metadata?.name}` };
      else if (h !== first.host) {
        report.error(d.where, `${d.value.kind} ${d.value.metadata?.name} names registry ${h}, ${first.what} names ${first.host}: a patch missed a rule or array index`);
      }
    }
  }
}

function checkTest(entry, dir) {
  const t = entry.value;
  if (!checkKeys(report, entry, [], t, TEST)) return;
  if (t.apiVersion !== 'cli.kyverno.io/v1alpha1' || t.kind !== 'Test') report.error(entry.where, 'kyverno-test.yaml must be apiVersion cli.kyverno.io/v1alpha1, kind Test');
  if (!t.metadata?.name) report.error(entry.where, 'Test without metadata.name');
  const suitePolicies = new Map();
  for (const [i, f] of (t.policies ?? []).entries()) {
    const path = join(dir, f);
    if (!existsSync(path)) {
      report.error(lineOf(entry, ['policies', i]), `policy file ${f} does not exist`);
      continue;
    }
    for (const d of loadDocuments(path, report)) {
      if (d.value.kind === 'ClusterPolicy') suitePolicies.set(d.value.metadata?.name, checkPolicy(d));
    }
  }
  const resources = [];
  for (const [i, f] of (t.resources ?? []).entries()) {
    const path = join(dir, f);
    if (!existsSync(path)) {
      report.error(lineOf(entry, ['resources', i]), `resource file ${f} does not exist`);
      continue;
    }
    for (const d of loadDocuments(path, report)) resources.push({ kind: d.value.kind, name: d.value.metadata?.name, namespace: d.value.metadata?.namespace });
  }
  const seen = new Set();
  const outcomes = new Set();
  for (const [i, r] of (t.results ?? []).entries()) {
    const path = ['results', i];
    if (!checkKeys(report, entry, path, r, TEST_RESULT)) continue;
    if (!TEST_RESULTS.includes(r.result)) report.error(lineOf(entry, [...path, 'result']), `result must be one of ${TEST_RESULTS.join(', ')}`);
    outcomes.add(r.result);
    const policy = suitePolicies.get(r.policy);
    if (!policy) {
      report.error(lineOf(entry, [...path, 'policy']), `result names policy ${r.policy}, which no listed policy file defines`);
      continue;
    }
    const autogen = /^autogen-(cronjob-)?/.test(r.rule ?? '');
    const base = (r.rule ?? '').replace(/^autogen-(cronjob-)?/, '');
    if (!policy.rules.includes(base)) report.error(lineOf(entry, [...path, 'rule']), `policy ${r.policy} has no rule ${r.rule}`);
    if (autogen && !CONTROLLER_KINDS.includes(r.kind)) report.error(lineOf(entry, [...path, 'kind']), `autogen rule ${r.rule} only applies to controllers, not ${r.kind}`);
    const names = r.resources ?? (r.resource ? [r.resource] : []);
    if (names.length === 0) report.error(lineOf(entry, path), 'result lists no resources');
    for (const n of names) {
      if (!resources.some((x) => x.kind === r.kind && x.name === n)) report.error(lineOf(entry, [...path, 'resources']), `no ${r.kind} named ${n} in the suite's resource files`);
      const key = `${r.policy}/${r.rule}/${r.kind}/${n}`;
      if (seen.has(key)) report.error(lineOf(entry, [...path, 'resources']), `${key} expected twice`);
      seen.add(key);
    }
  }
  if (!outcomes.has('fail')) report.error(entry.where, 'suite expects no failure: it cannot show the policy rejects anything');
  if (!outcomes.has('pass') && !outcomes.has('skip')) report.error(entry.where, 'suite expects no pass or skip: it cannot show the policy admits anything');
  for (const res of resources) {
    if (![...seen].some((k) => k.endsWith(`/${res.kind}/${res.name}`))) report.error(entry.where, `resource ${res.kind} ${res.name} is listed but no result expects anything of it`);
  }
}

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.yaml') ? [p] : [];
  });
}

const files = walk(policyDir).sort();
const policies = new Map();
const exceptions = [];
const tests = [];
for (const f of files) {
  if (f.endsWith('kustomization.yaml') || /\/(good|bad)\.yaml$/.test(f)) continue;
  for (const d of loadDocuments(f, report)) {
    if (d.value.kind === 'ClusterPolicy') {
      const p = checkPolicy(d);
      if (p && policies.has(p.name)) report.error(d.where, `ClusterPolicy ${p.name} defined twice (also ${policies.get(p.name).where})`);
      if (p) policies.set(p.name, p);
    } else if (d.value.kind === 'PolicyException') exceptions.push(d);
    else if (d.value.kind === 'Test') tests.push({ d, dir: dirname(f) });
    else report.error(d.where, `unexpected ${d.value.kind} in the policy folder`);
  }
}
for (const e of exceptions) checkException(e, policies);
for (const t of tests) checkTest(t.d, t.dir);
for (const name of policies.keys()) {
  if (!tests.some((t) => (t.d.value.results ?? []).some((r) => r.policy === name))) report.error(policies.get(name).where, `ClusterPolicy ${name} has no kyverno test suite`);
}
// Rendered overlays: patched policies and exceptions must still be well-formed.
let renderedDocs = 0;
for (const f of renderedFiles) {
  const rendered = loadDocuments(f, report).filter((d) => (d.value.apiVersion ?? '').startsWith('kyverno.io/'));
  const renderedPolicies = new Map();
  for (const d of rendered.filter((x) => x.value.kind === 'ClusterPolicy')) {
    const p = checkPolicy(d);
    if (p) renderedPolicies.set(p.name, p);
  }
  for (const d of rendered.filter((x) => x.value.kind === 'PolicyException')) checkException(d, renderedPolicies);
  for (const d of rendered.filter((x) => !['ClusterPolicy', 'PolicyException'].includes(x.value.kind))) report.error(d.where, `unknown Kyverno kind ${d.value.kind}`);
  checkRegistryHosts(rendered);
  renderedDocs += rendered.length;
}
report.finish(`${policies.size} policies, ${exceptions.length} exceptions, ${tests.length} test suites in ${policyDir}; ` +
  `${renderedDocs} Kyverno documents in ${renderedFiles.length} rendered files`);
