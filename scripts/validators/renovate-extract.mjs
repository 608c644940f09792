// What Renovate extracts, held to what the repository pins. Reads the JSON log of
// `renovate --platform=local --dry-run=extract` (its "Extracted dependencies" record) and checks,
// against expectations computed from the files themselves:
//   - the tools lock: every row, as the right datasource and package (GitHub release, HashiCorp,
//     PyPI, Go module), with its version;
//   - bootstrap/catalog.yaml: every Helm chart with its repository and version;
//   - every name:tag@sha256 image of the workflows and app/pom.xml, and the digest-only ZAP image;
//   - the built-in managers found their files: Maven poms, scripts/package.json (renovate itself),
//     workflow actions by commit SHA, app/Dockerfile, the Terraform providers.
// Usage: node renovate-extract.mjs --log FILE --root DIR [--only-lock]
//   --only-lock  the root holds a fixture lock file only: check the tools-lock managers alone.
// Problems: "FILE:LINE: message" (the file of the pin Renovate missed); exit 1 if any, 2 on usage errors.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || !args[i + 1]) {
    console.error('usage: node renovate-extract.mjs --log FILE --root DIR [--only-lock]');
    process.exit(2);
  }
  return args[i + 1];
};
const log = opt('--log');
const root = opt('--root');
const onlyLock = args.includes('--only-lock');
const problems = [];

let packageFiles = null;
for (const line of readFileSync(log, 'utf8').split('\n')) {
  if (!line.startsWith('{')) continue;
  const record = JSON.parse(line);
  if (record.msg === 'Extracted dependencies') packageFiles = record.packageFiles;
  if (record.level >= 50) problems.push(`${log}:1: renovate reported an error: ${record.msg}`);
}
if (!packageFiles) {
  console.error(`${log}:1: no "Extracted dependencies" record: renovate did not finish its extraction`);
  process.exit(1);
}

// Every dependency Renovate found, per file.
const found = new Map();
for (const [manager, files] of Object.entries(packageFiles)) {
  for (const pf of files) {
    for (const dep of pf.deps ?? []) {
      const list = found.get(pf.packageFile) ?? [];
      list.push({ manager, ...dep });
      found.set(pf.packageFile, list);
    }
  }
}
const has = (file, want) =>
  (found.get(file) ?? []).some((d) => Object.entries(want).every(([k, v]) => d[k] === v));
const expect = (file, line, want, what) => {
  if (!has(file, want)) problems.push(`${file}:${line}: Renovate does not extract ${what} (${JSON.stringify(want)})`);
};

// The tools lock, row by row, computed from its columns.
const lockFile = 'scripts/security-tools.lock';
readFileSync(join(root, lockFile), 'utf8').split('\n').forEach((text, i) => {
  const cols = text.trim().split(/\s+/);
  if (text.startsWith('#') || cols.length !== 6) return;
  const [tool, version, , sha, member, url] = cols;
  const want = { depName: tool, currentValue: version.replace(/^v/, '') };
  const github = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/releases\/download\//.exec(url);
  if (sha.startsWith('go:')) Object.assign(want, { datasource: 'go', packageName: sha.slice(3).split('@')[0] });
  else if (sha === 'pip' || sha.startsWith('pip-hashes:')) Object.assign(want, { datasource: 'pypi', packageName: member });
  else if (github) Object.assign(want, { datasource: 'github-releases', packageName: github[1] });
  else if (/^https:\/\/releases\.hashicorp\.com\//.test(url)) Object.assign(want, { datasource: 'github-releases', packageName: `hashicorp/${tool}` });
  else {
    problems.push(`${lockFile}:${i + 1}: ${tool}: no custom manager knows where ${url} comes from`);
    return;
  }
  expect(lockFile, i + 1, want, `${tool} ${version}`);
});
const lockRows = (found.get(lockFile) ?? []).length;

if (!onlyLock) {
  // Helm charts of the catalog.
  const catalogFile = 'bootstrap/catalog.yaml';
  const catalog = parse(readFileSync(join(root, catalogFile), 'utf8'));
  const lines = readFileSync(join(root, catalogFile), 'utf8').split('\n');
  for (const c of catalog.components) {
    if (!c.helm) continue;
    const line = lines.findIndex((l) => l.includes(`id: ${c.id}`)) + 1;
    expect(catalogFile, line, { depName: c.helm.chart, currentValue: String(c.helm.version), datasource: 'helm' }, `chart ${c.helm.chart}`);
    const bare = (u) => u.replace(/\/+$/, '');
    if (!(found.get(catalogFile) ?? []).some((d) => d.depName === c.helm.chart && (d.registryUrls ?? []).map(bare).includes(bare(c.helm.url)))) {
      problems.push(`${catalogFile}:${line}: Renovate does not look up ${c.helm.chart} in ${c.helm.url}`);
    }
  }

  // Images pinned by digest in the workflows and the Jib base image.
  const workflows = readdirSync(join(root, '.github/workflows')).map((f) => `.github/workflows/${f}`);
  for (const file of [...workflows, 'app/pom.xml']) {
    readFileSync(join(root, file), 'utf8').split('\n').forEach((text, i) => {
      for (const m of text.matchAll(/([a-z0-9./_-]+)(?::([\w][\w.-]*))?@(sha256:[0-9a-f]{64})/g)) {
        if (/^0+$/.test(m[3].slice(7))) continue; // a placeholder the pipeline fills
        const want = { depName: m[1], currentDigest: m[3], datasource: 'docker' };
        if (m[2]) want.currentValue = m[2];
        expect(file, i + 1, want, `image ${m[0]}`);
      }
    });
  }

  // The built-in managers found what they are for.
  expect('pom.xml', 1, { manager: 'maven' }, 'the Maven build (any dependency of the root pom)');
  expect('scripts/package.json', 1, { manager: 'npm', depName: 'renovate', currentValue: JSON.parse(readFileSync(join(root, 'scripts/package.json'), 'utf8')).devDependencies.renovate }, 'renovate itself');
  expect('app/Dockerfile', 1, { manager: 'dockerfile', depName: 'eclipse-temurin' }, 'the Dockerfile build image');
  expect('.github/workflows/ci-pipeline.yml', 1, { manager: 'github-actions', depName: 'actions/checkout' }, 'actions/checkout by commit SHA');
  if (!(found.get('.github/workflows/ci-pipeline.yml') ?? []).some((d) => d.depName === 'actions/checkout' && /^[0-9a-f]{40}$/.test(d.currentDigest ?? ''))) {
    problems.push('.github/workflows/ci-pipeline.yml:1: actions/checkout is not extracted with its commit SHA');
  }
  const tfFiles = [...found.keys()].filter((f) => f.endsWith('.tf'));
  if (!tfFiles.some((f) => found.get(f).some((d) => d.depName === 'azurerm'))) {
    problems.push('infra/terraform/shared/versions.tf:1: Renovate does not extract the azurerm provider');
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
const total = [...found.values()].reduce((n, l) => n + l.length, 0);
console.log(`renovate-extract: ${total} dependencies extracted, ${lockRows} tools-lock rows${onlyLock ? '' : ', every chart, digest-pinned image, action SHA, Maven, npm, Dockerfile and Terraform pin'} as expected`);
