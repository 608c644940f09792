// Validates every Kubernetes document given on the command line against the upstream OpenAPI schemas
// shipped in kubernetes-models and the CRD packages (Istio, cert-manager, Argo CD, Argo Rollouts,
// Prometheus Operator). A document whose apiVersion/kind none of them knows fails, unless its group is
// listed in DELEGATED (checked structurally by another validator, named there).
//
// Usage: node k8s-schemas.mjs FILE...     exit 0 all valid, 1 invalid documents, 2 unreadable input
import { Report, loadDocuments } from './lib.mjs';

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

// Groups without npm models; the named check validates them.
const DELEGATED = {
  'kyverno.io': 'scripts/checks/kyverno-structure.sh',
  'cli.kyverno.io': 'scripts/checks/kyverno-structure.sh',
};

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
        if (mod && typeof mod[kind] === 'function') return { Model: mod[kind], apiVersion: group === '' ? v : `${group}/${v}` };
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
    const found = await findModel(obj.apiVersion, obj.kind);
    if (!found) {
      report.error(where, `${id}: unknown apiVersion/kind ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    try {
      new found.Model({ ...obj, apiVersion: found.apiVersion }).validate();
      validated++;
    } catch (e) {
      const details = (e.errors ?? [{ instancePath: '', message: e.message }])
        .slice(0, 5)
        .map((x) => `${x.instancePath || '/'} ${x.message}${x.params?.allowedValues ? ` (${x.params.allowedValues.join(', ')})` : ''}`)
        .join('; ');
      report.error(where, `${id} (${obj.apiVersion}): ${details}`);
    }
  }
}
report.finish(`${validated} documents valid against upstream schemas, ${delegated} delegated to the Kyverno check, in ${files.length} files`);
