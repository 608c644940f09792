// Validates every Kubernetes document given on the command line against the upstream OpenAPI schemas
// shipped in kubernetes-models and the CRD packages (Istio, cert-manager, Argo CD, Argo Rollouts,
// Prometheus Operator). A document whose apiVersion/kind none of them knows fails, unless its group is
// listed in DELEGATED (checked structurally by another validator, named there). Unknown (misspelt)
// fields fail as well, through TypeScript excess-property checks against the models' interfaces.
//
// Usage: node k8s-schemas.mjs FILE...     exit 0 all valid, 1 invalid documents, 2 unreadable input
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Report, loadDocuments } from './lib.mjs';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// apiVersion group -> npm package that carries its models (first that has the kind wins).
const PACKAGES = [
  [(g) => g === '' || !g.includes('.') || g.endsWith('.k8s.io'), ['kubernetes-models']],
  [(g) => g.endsWith('istio.io'), ['@kubernetes-models/istio']],
  [(g) => g.endsWith('cert-manager.io'), ['@kubernetes-models/cert-manager']],
  [(g) => g === 'argoproj.io', ['@kubernetes-models/argo-cd', '@kubernetes-models/argo-rollouts']],
  [(g) => g === 'monitoring.coreos.com', ['@kubernetes-models/prometheus-operator']],
];

// Kinds the installed model version lacks at this apiVersion although the API serves them; the schema
// of the named older version is identical for these kinds.
const SCHEMA_FALLBACK = {
  'security.istio.io/v1/PeerAuthentication': 'security.istio.io/v1beta1',
  'networking.istio.io/v1/ServiceEntry': 'networking.istio.io/v1beta1',
};

// Fields the API serves but the installed model version predates; an unknown-field finding for exactly
// these is not an error. (kind -> field names)
const NEWER_THAN_MODELS = {
  // ACME HTTP-01 solver ingressClassName: cert-manager >= 1.12; @kubernetes-models/cert-manager 4.4.4 lacks it.
  ClusterIssuer: ['ingressClassName'],
  Issuer: ['ingressClassName'],
};

// Kinds without npm models that are validated here against their upstream Go types, written down
// as allowed fields (unknown fields fail) and value types. SecretProviderClass: the Secrets Store CSI
// driver's apis/v1 (installed on AKS by the azure-keyvault-secrets-provider add-on).
const STRING_MAP = { map: 'string' };
const LOCAL_SCHEMAS = {
  'secrets-store.csi.x-k8s.io/v1/SecretProviderClass': {
    required: ['provider'],
    fields: {
      provider: 'string',
      parameters: STRING_MAP,
      secretObjects: {
        list: {
          required: ['secretName', 'type', 'data'],
          fields: {
            secretName: 'string',
            type: 'string',
            labels: STRING_MAP,
            annotations: STRING_MAP,
            data: { list: { required: ['key'], fields: { objectName: 'string', key: 'string', plainValue: 'string' } } },
          },
        },
      },
    },
  },
};

function localProblems(schema, value, path) {
  if (schema === 'string') return typeof value === 'string' ? [] : [`${path} must be a string`];
  if (schema.map) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} must be a map`];
    return Object.entries(value).flatMap(([k, v]) => localProblems(schema.map, v, `${path}/${k}`));
  }
  if (schema.list) {
    if (!Array.isArray(value)) return [`${path} must be a list`];
    return value.flatMap((v, i) => localProblems(schema.list, v, `${path}/${i}`));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} must be an object`];
  const problems = (schema.required ?? []).filter((k) => !(k in value)).map((k) => `${path}/${k} is required`);
  for (const [k, v] of Object.entries(value)) {
    if (!schema.fields[k]) problems.push(`${path}/${k} is not a field of this kind`);
    else problems.push(...localProblems(schema.fields[k], v, `${path}/${k}`));
  }
  return problems;
}

// Groups without npm models; the named check validates them.
const DELEGATED = {
  'kyverno.io': 'scripts/checks/kyverno-structure.sh',
  'cli.kyverno.io': 'scripts/checks/kyverno-structure.sh',
};

// The OpenAPI validators accept unknown fields (a misspelt key is silently ignored by them, and by the
// API server too). TypeScript's excess-property check on object literals rejects them: every document
// becomes a literal typed with its model's interface, and tsc must accept the file.
function checkUnknownFields(docs) {
  if (docs.length === 0) return;
  const dir = join(REPO_ROOT, 'target', 'k8s-types');
  mkdirSync(dir, { recursive: true });
  const imports = new Map();
  const lines = [];
  const origin = new Map();
  for (const d of docs) {
    const key = `${d.module}#${d.kind}`;
    if (!imports.has(key)) imports.set(key, `T${imports.size}`);
  }
  for (const [key, alias] of imports) {
    const [module, kind] = key.split('#');
    lines.push(`import type { I${kind} as ${alias} } from ${JSON.stringify(module)};`);
  }
  docs.forEach((d, i) => {
    origin.set(lines.length + 1, d);
    lines.push(`export const d${i}: ${imports.get(`${d.module}#${d.kind}`)} = ${JSON.stringify(d.doc)};`);
  });
  writeFileSync(join(dir, 'check.ts'), `${lines.join('\n')}\n`);
  const modules = join(REPO_ROOT, 'scripts', 'node_modules');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', skipLibCheck: true,
      baseUrl: '.', paths: { '*': [`${modules}/*`] }, types: [],
    },
    files: ['check.ts'],
  }));
  let output = '';
  try {
    execFileSync(join(modules, '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: 180000 });
  } catch (e) {
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    if (!output.trim()) output = `check.ts(0,0): error tsc did not run: ${e.message}`;
  }
  for (const line of output.split('\n')) {
    const m = line.match(/^.*check\.ts\((\d+),\d+\): error TS\d+: (.*)$/);
    if (!m) continue;
    const d = origin.get(Number(m[1]));
    const field = m[2].match(/and '"?([A-Za-z0-9_]+)"?' does not exist in type/)?.[1];
    if (d && field && (NEWER_THAN_MODELS[d.kind] ?? []).includes(field)) continue;
    report.error(d ? d.where : 'target/k8s-types/check.ts', `${d ? d.id + ': ' : ''}${m[2]}`);
  }
}

const moduleCache = new Map();
async function loadModule(pkg, group, version) {
  const spec = group === '' ? `${pkg}/${version}` : `${pkg}/${group}/${version}`;
  if (!moduleCache.has(spec)) {
    moduleCache.set(spec, await import(spec).catch(() => null));
  }
  return moduleCache.get(spec);
}

async function findModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const fallback = SCHEMA_FALLBACK[`${apiVersion}/${kind}`];
  const candidates = fallback ? [version, fallback.split('/')[1]] : [version];
  for (const [matches, pkgs] of PACKAGES) {
    if (!matches(group)) continue;
    for (const pkg of pkgs) {
      for (const v of candidates) {
        const mod = await loadModule(pkg, group, v);
        if (mod && typeof mod[kind] === 'function') {
          return { Model: mod[kind], apiVersion: group === '' ? v : `${group}/${v}`, module: group === '' ? `${pkg}/${v}` : `${pkg}/${group}/${v}` };
        }
      }
    }
  }
  return null;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: k8s-schemas.mjs FILE...');
  process.exit(2);
}

const report = new Report('k8s-schemas');
let validated = 0;
let delegated = 0;
const typedDocs = [];
for (const file of files) {
  for (const { value: obj, where } of loadDocuments(file, report)) {
    if (typeof obj !== 'object' || !obj.apiVersion || !obj.kind) {
      report.error(where, 'not a Kubernetes object (apiVersion and kind required)');
      continue;
    }
    const id = `${obj.kind} ${obj.metadata?.name ?? '(no name)'}`;
    const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
    if (DELEGATED[group]) {
      delegated++;
      continue;
    }
    const local = LOCAL_SCHEMAS[`${obj.apiVersion}/${obj.kind}`];
    if (local) {
      const problems = [];
      if (!obj.metadata?.name) problems.push('/metadata/name is required');
      problems.push(...localProblems(local, obj.spec ?? {}, '/spec'));
      if (problems.length) report.error(where, `${id} (${obj.apiVersion}): ${problems.slice(0, 5).join('; ')}`);
      else validated++;
      continue;
    }
    const found = await findModel(obj.apiVersion, obj.kind);
    if (!found) {
      report.error(where, `${id}: unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      const typed = { ...obj, apiVersion: found.apiVersion };
      new found.Model(typed).validate();
      validated++;
      typedDocs.push({ where, id, module: found.module, kind: obj.kind, doc: typed });
    } catch (e) {
      const details = (e.errors ?? [{ instancePath: '', message: e.message }])
        .slice(0, 5)
        .map((x) => `${x.instancePath || '/'} ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(', ')})` : ''}`)
        .join('; ');
      report.error(where, `${id} (${obj.apiVersion}): ${details}`);
    }
  }
}
checkUnknownFields(typedDocs);
report.finish(`${validated} documents valid against upstream schemas, ${delegated} delegated to the Kyverno check, in ${files.length} files`);
