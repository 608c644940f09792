// The delivery path as the workflows wire it, held to what the platform promises:
//   - production changes only through a pull request, after the digest was copied and verified;
//   - nothing deploys an image before scripts/verify-image.sh checked signature, provenance, SBOMs;
//   - a blue/green promotion follows a smoke test of the preview stack, and the production Rollout
//     waits for it (autoPromotionEnabled: false);
//   - every Azure login is the identity docs/fork/identities.yaml gives the job's environment, and
//     that file names the job (a job without an environment, or on a pull request, gets none);
//   - no build (Maven, npm) runs once cluster credentials are on the runner;
//   - nothing pushes to main (no bypass of its ruleset): an environment whose Argo CD Application
//     tracks main is promoted by pull request only, other promotions go to deploy/<env>, which its
//     Application tracks; an Application tracking main never syncs by itself (and its AppProject
//     denies automated syncs of it around the clock), and the job that
//     syncs production runs in an environment with required reviewers and syncs its own commit;
//   - no workflow that signs images runs on pushed tags (a tag on any commit would sign), and the
//     admission policy accepts only main's workflows and demands their SLSA provenance;
//   - every image a workflow builds carries the commit it was built from (org.opencontainers.image.revision:
//     -Dgit.commit for Jib, --build-arg REVISION for app/Dockerfile);
//   - nothing is signed, attested or given SLSA provenance before the vulnerability gate decided:
//     every such job needs (transitively) each job of its workflow that runs scripts/security-gate.sh,
//     and a job that does both runs the gate first;
//   - every repository variable and secret a workflow reads is documented for forks in README.md.
//   - the optional seed systems (Sonar, Snyk, Semgrep App, Slack) run when their secret is set and
//     print a visible notice when it is not: never a silent pass, never a failure;
//   - DAST runs on every pull request that touches app/, against the ephemeral kind deployment
//     (which must schedule on kind and run the image built there), waits for it and deletes the cluster;
//     Nuclei always runs with the pinned templates' path and without update checks.
// Usage: node delivery-flow.mjs --readme README --overlay PRODUCTION_KUSTOMIZATION --policy KYVERNO_POLICY
//          --dast DAST_WORKFLOW --dast-render RENDERED_EPHEMERAL_YAML --identities IDENTITIES
//          --applications ARGOCD_APPLICATIONS_DIR --appproject ARGOCD_APPPROJECT WORKFLOW...
// Problems: "file:line: message"; exit 1 if any, 2 on usage errors.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parse, parseAllDocuments, parseDocument } from 'yaml';
import { loadIdentities } from '../lib/fork-identities.mjs';
import { commandCalls } from './shell-commands.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0 || !args[i + 1]) {
    console.error(`usage: node delivery-flow.mjs --readme F --overlay F --policy F --dast F --dast-render F WORKFLOW... (missing ${name})`);
    process.exit(2);
  }
  return args.splice(i, 2)[1];
};
const readme = opt('--readme');
const overlay = opt('--overlay');
const policy = opt('--policy');
const dast = opt('--dast');
const dastRender = opt('--dast-render');
const identitiesFile = opt('--identities');
const applicationsDir = opt('--applications');
const appProjectFile = opt('--appproject');
const workflows = args;
if (workflows.length === 0) {
  console.error('usage: node delivery-flow.mjs --readme F --overlay F --policy F WORKFLOW...');
  process.exit(2);
}
const problems = [];

// Who may log in where (docs/fork/identities.yaml), and what each environment's Application tracks.
const { model: identities, problems: identityProblems } = loadIdentities(identitiesFile);
problems.push(...identityProblems);
const identityByVariable = new Map(identities.identities.map((i) => [i.variable, i]));
const loggedIn = new Set(); // "file#job" pairs that log in
const applications = new Map(); // environment -> {targetRevision, automated, where}
for (const env of readdirSync(applicationsDir)) {
  const file = join(applicationsDir, env, 'application.yaml');
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const app = doc.toJS();
  applications.set(env, { name: app.metadata.name, targetRevision: app.spec.source.targetRevision, automated: app.spec.syncPolicy?.automated != null,
    where: `${file}:${lc.linePos(doc.getIn(['spec', 'source', 'targetRevision'], true).range[0]).line}` });
}
// A deny window of the project around the clock, manual syncs allowed, for each Application of main.
const windows = parse(readFileSync(appProjectFile, 'utf8'))?.spec?.syncWindows ?? [];
for (const [env, app] of applications) {
  const denied = windows.some((w) => w.kind === 'deny' && w.schedule === '0 0 * * *' && w.duration === '24h' &&
    w.manualSync === true && (w.applications ?? []).includes(app.name));
  if (app.targetRevision === 'main' && !denied) {
    problems.push(`${appProjectFile}:1: no deny window (daily 0 0 * * *, 24h, manualSync: true) keeps ${app.name}, which deploys main, from syncing by itself`);
  }
  if (app.targetRevision === 'main' && app.automated) {
    problems.push(`${app.where}: ${app.name} syncs main by itself: what reaches main must deploy only through an approved job (manual sync)`);
  }
  if (app.targetRevision !== 'main' && app.targetRevision !== `deploy/${env}`) {
    problems.push(`${app.where}: ${app.name} tracks ${app.targetRevision}: main (synced by an approved job) or deploy/${env} (the promotion app's branch) only`);
  }
}
// The ENV argument of a promote-image.sh command line (after its options; --copy-from takes a value).
function promotedEnvironment(command) {
  const words = command.slice(command.indexOf('promote-image.sh') + 'promote-image.sh'.length).trim().split(' ');
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--copy-from') i++;
    else if (!words[i].startsWith('-')) return words[i];
  }
  return undefined;
}
// Jobs of a matrix with include entries run once per entry: ${{ matrix.X }} resolves per entry.
function expansions(job) {
  const include = job.get('strategy')?.get?.('matrix')?.toJSON?.()?.include;
  return Array.isArray(include) && include.length ? include : [{}];
}
const resolve = (text, entry) => String(text).replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, (_, k) => entry[k] ?? `\${{ matrix.${k} }}`);

function load(file) {
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const at = (node) => `${file}:${node?.range ? lc.linePos(node.range[0]).line : 1}`;
  return { doc, at };
}

const used = new Map();
let deployJobs = 0;
// Secrets of the optional systems, each promised by the seed pipeline.
const OPTIONAL = ['SONAR_TOKEN', 'SNYK_TOKEN', 'SEMGREP_APP_TOKEN', 'SLACK_WEBHOOK_URL'];
const optionalSeen = new Set();
for (const file of workflows) {
  const { doc, at } = load(file);
  const on = doc.get('on', true);
  const push = on?.get?.('push', true);
  const jobs = doc.get('jobs', true)?.items ?? [];
  const text = String(doc);
  for (const m of text.matchAll(/\b(vars|secrets)\.([A-Z][A-Z0-9_]*)/g)) if (!used.has(m[2])) used.set(m[2], file);
  for (const m of text.matchAll(/^\s+identity:\s*(AZURE_CLIENT_ID_[A-Z_]+)\s*$/gm)) if (!used.has(m[1])) used.set(m[1], file);
  if (push?.get?.('tags') && /generate-sbom\.sh[^\n]*--sign-image|cosign sign\b/.test(text)) {
    problems.push(`${at(push)}: a workflow that signs images runs on pushed tags: anyone who can push a tag on any commit gets an admitted image (create tags from main inside the workflow)`);
  }
  // One signature format (security/README.md): every cosign sign, attest and verify of an image
  // names the tag-based format on its line; the test-only shortcuts never reach a workflow.
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (/^\s*#/.test(line)) return;
    if (/\bcosign\s+(sign|attest|verify|verify-attestation)(?![\w-])/.test(line) && !/--new-bundle-format=false\b/.test(line)) {
      problems.push(`${file}:${i + 1}: cosign signs, attests or verifies an image without --new-bundle-format=false: cosign 3 would use Sigstore bundles, which the generator's provenance, cosign copy and Kyverno 1.14 do not share`);
    }
    const shortcut = line.match(/--test-key\b|--test-provenance-key\b|--no-tlog-upload\b|--tlog-upload=false\b|--insecure-ignore-tlog\b/);
    if (shortcut) problems.push(`${file}:${i + 1}: ${shortcut[0]} is for tests against a loopback registry, never a workflow`);
  });
  for (const pair of jobs) {
    const job = pair.value;
    const name = pair.key.value;
    const envNode = job.get('environment', true);
    const environment = envNode ? String(envNode.get?.('name') ?? envNode.value ?? envNode) : null;
    const entries = expansions(job);
    const jobRef = `${basename(file)}#${name}`;
    const steps = (job.get('steps')?.items ?? []).map((s) => ({ node: s, run: String(s.get('run') ?? ''), uses: String(s.get('uses') ?? ''), env: s.get('env')?.toJSON?.() ?? {} }));
    const jobEnv = JSON.stringify(job.get('env')?.toJSON?.() ?? {});
    let verified = false;
    let synced = false;
    let previewSmoke = false;
    let clusterCredentials = false;
    for (const step of steps) {
      const where = at(step.node);
      for (const secret of OPTIONAL) {
        const inStep = JSON.stringify(step.env).includes(`secrets.${secret}`) || String(step.node.get('with') ?? '').includes(`secrets.${secret}`);
        const inJob = jobEnv.includes(`secrets.${secret}`) && step.run !== '';
        if (!inStep && !inJob) continue;
        optionalSeen.add(secret);
        const noticed = /::notice::/.test(step.run) || /scripts\/(notify-slack\.sh|security-gate-github\.sh notify-block)/.test(step.run) ||
          /steps\.[\w-]+\.outputs\./.test(String(step.node.get('if') ?? ''));
        if (step.uses || !noticed) problems.push(`${where}: job ${name} uses ${secret} without a visible notice when it is not set (an optional system must never pass silently)`);
      }
      if (/scripts\/verify-image\.sh/.test(step.run)) verified = true;
      const flat = step.run.replace(/\\\n/g, ' ').replace(/\s+/g, ' ');
      if (/az aks get-credentials|kubectl config set-credentials/.test(flat)) clusterCredentials = true;
      else if (clusterCredentials && /\.\/mvnw|\bnpm (ci|install)\b/.test(flat)) {
        problems.push(`${where}: job ${name} builds with cluster credentials on disk: every build plugin and dependency could read them (build first)`);
      }
      if (/\bgit\b[^|;&]*\bpush\b[^|;&]*(:|\s)(refs\/heads\/)?main\b/.test(flat)) {
        problems.push(`${where}: job ${name} pushes to main: main changes only through reviewed pull requests (its ruleset has no bypass)`);
      }
      if (/promote-image\.sh/.test(step.run)) {
        const target = promotedEnvironment(flat);
        const copyOnly = /--copy-only/.test(flat);
        const pullRequest = /--pull-request/.test(flat);
        const app = applications.get(target);
        if (copyOnly) {
          verified = false; // a copy is a new image reference: it must be verified again
        } else if (!pullRequest && (!app || app.targetRevision !== `deploy/${target}`)) {
          problems.push(`${where}: job ${name} commits ${target}'s pin directly, but ${app ? `its Application tracks ${app.targetRevision}` : `no Application of ${target} tracks deploy/${target}`}: promote it by pull request`);
        }
        if (!copyOnly && !pullRequest && !verified && !/--verify/.test(flat)) problems.push(`${where}: job ${name} pins a digest before scripts/verify-image.sh checked it`);
      }
      if (/argocd-deploy\.sh sync/.test(step.run)) {
        deployJobs++;
        if (!verified) problems.push(`${where}: job ${name} syncs Argo CD before scripts/verify-image.sh checked the image`);
        synced = true;
        const target = /argocd-deploy\.sh sync (\S+)/.exec(flat)?.[1];
        const tracked = [...applications.values()].find((a) => a.name === target);
        if (tracked?.targetRevision === 'main') {
          const reviewers = identities.environments.get(environment)?.requiredReviewers ?? [];
          if (!reviewers.length) problems.push(`${where}: job ${name} syncs ${target}, which deploys main, outside an environment with required reviewers`);
          if (!/github\.sha/.test(String(step.node.getIn(['env', 'SYNC_REVISION']) ?? ''))) problems.push(`${where}: job ${name} syncs ${target} without SYNC_REVISION: \${{ github.sha }} (the approved commit, nothing newer)`);
        }
      }
      if (synced && /smoke-test\.sh/.test(step.run) && /PREVIEW/.test(JSON.stringify(step.env))) previewSmoke = true;
      if (/argocd-deploy\.sh promote/.test(step.run) && !previewSmoke) {
        problems.push(`${where}: job ${name} promotes the Rollout before a smoke test of the preview stack passed`);
      }
      if (/^azure\/login@/.test(step.uses)) {
        loggedIn.add(jobRef);
        const id = String(step.node.getIn(['with', 'client-id']) ?? '');
        for (const entry of entries) {
          const variable = /^\$\{\{\s*vars\.(AZURE_CLIENT_ID_[A-Z_]+)\s*\}\}$/.exec(id)?.[1] ??
            (/^\$\{\{\s*vars\[matrix\.(\w+)\]\s*\}\}$/.test(id) ? entry[/matrix\.(\w+)/.exec(id)[1]] : undefined);
          const env = environment ? resolve(environment, entry) : null;
          const identity = identityByVariable.get(variable);
          if (!identity) problems.push(`${where}: job ${name} logs in as ${variable ?? id ?? 'nothing'}, which ${identitiesFile} does not describe`);
          else if (!env) problems.push(`${where}: job ${name} logs in as ${variable} without an environment: its token's subject names no environment, so no identity may accept it`);
          else if (identity.environment !== env) problems.push(`${where}: job ${name} (environment ${env}) logs in as ${variable}, which federates environment ${identity.environment}`);
          else if (!identity.jobs.includes(jobRef)) problems.push(`${where}: job ${name} logs in as ${variable}, but ${identitiesFile} does not list ${jobRef} among its jobs`);
        }
      }
    }
  }
}

// Every job the identities file names exists and logs in.
for (const identity of identities.identities) {
  for (const ref of identity.jobs) {
    if (!loggedIn.has(ref)) problems.push(`${identitiesFile}:1: ${identity.variable} names ${ref}, which no workflow job that logs in to Azure is`);
  }
}

for (const file of workflows) gateBeforeSigning(file);
for (const file of workflows) imageRevision(file);

for (const secret of OPTIONAL) {
  if (!optionalSeen.has(secret)) problems.push(`${workflows[0]}:1: no workflow runs the optional system behind ${secret}`);
}

// The revision label names the commit: app/pom.xml defaults git.commit to "unknown" for local builds.
function imageRevision(file) {
  const { doc, at } = load(file);
  for (const pair of doc.get('jobs', true)?.items ?? []) {
    for (const step of pair.value.get('steps')?.items ?? []) {
      const run = String(step.get('run') ?? '').replace(/\\\n/g, ' ');
      for (const line of run.split('\n')) {
        const jib = /\bjib:(build|dockerBuild|buildTar)\b/.test(line) && !/-Dgit\.commit=\S*(GITHUB_SHA|github\.sha)/.test(line);
        const docker = /\b(docker|podman|buildah)\s+(build|buildx\s+build)\b[^\n]*app\/Dockerfile/.test(line) && !/--build-arg\s+REVISION=\S*(GITHUB_SHA|github\.sha)/.test(line);
        if (jib || docker) problems.push(`${at(step)}: job ${pair.key.value} builds the image without passing the commit (${jib ? '-Dgit.commit="$GITHUB_SHA"' : '--build-arg REVISION="$GITHUB_SHA"'}): its revision label would say "unknown"`);
      }
    }
  }
}

// Gate first, then sign, attest and provenance: a blocked image must carry nothing admission checks.
function gateBeforeSigning(file) {
  const { doc, at } = load(file);
  const jobs = new Map((doc.get('jobs', true)?.items ?? []).map((p) => [String(p.key.value), p.value]));
  const runs = (job) => (job.get('steps')?.items ?? []).map((s) => String(s.get('run') ?? ''));
  const GATE = /scripts\/security-gate\.sh(?![^\n]*check-ignores)/;
  const SIGNS = /generate-sbom\.sh|cosign\s+(sign|attest)\b/;
  const PROVENANCE = /^slsa-framework\/slsa-github-generator\//;
  const gates = [...jobs].filter(([, job]) => runs(job).some((r) => GATE.test(r))).map(([name]) => name);
  const needs = (name, seen = new Set()) => {
    const n = jobs.get(name)?.get('needs');
    for (const dep of n === undefined ? [] : typeof n === 'string' ? [n] : n.toJSON()) {
      if (!seen.has(dep)) { seen.add(dep); needs(dep, seen); }
    }
    return seen;
  };
  for (const [name, job] of jobs) {
    const steps = runs(job);
    const signAt = steps.findIndex((r) => SIGNS.test(r));
    if (signAt < 0 && !PROVENANCE.test(String(job.get('uses') ?? ''))) continue;
    if (gates.length === 0) {
      problems.push(`${at(job)}: job ${name} signs, attests or adds provenance in a workflow without a vulnerability gate (scripts/security-gate.sh)`);
      continue;
    }
    const before = needs(name);
    for (const gate of gates) {
      if (gate === name) {
        if (steps.findIndex((r) => GATE.test(r)) > signAt) problems.push(`${at(job)}: job ${name} signs or attests before its own vulnerability gate step decides`);
      } else if (!before.has(gate)) {
        problems.push(`${at(job)}: job ${name} signs, attests or adds provenance without waiting for the vulnerability gate (job ${gate}): add it to needs`);
      }
    }
  }
}

// The production overlay's Rollout must wait for the pipeline's promotion.
{
  const { doc, at } = load(overlay);
  const patches = doc.get('patches', true)?.items ?? [];
  let found = false;
  for (const p of patches) {
    const text = p.get('patch');
    if (typeof text !== 'string' || !/blueGreen/.test(text)) continue;
    for (const op of parse(text) ?? []) {
      const bg = op?.value?.blueGreen;
      if (!bg) continue;
      found = true;
      if (bg.autoPromotionEnabled !== false) problems.push(`${at(p)}: the blue/green Rollout promotes itself (autoPromotionEnabled must be false so the preview smoke test gates promotion)`);
    }
  }
  if (!found) problems.push(`${overlay}:1: no blue/green strategy patch found in the production overlay`);
}

// The admission policy: main's workflows only, and their provenance.
{
  const { doc, at } = load(policy);
  const text = String(doc);
  const vi = doc.getIn(['spec', 'rules', 0, 'verifyImages', 0], true);
  const subjects = [...text.matchAll(/subjectRegExp:\s*>-\s*\n\s*(\S+)|subjectRegExp:\s*"?([^"\n]+)"?/g)].map((m) => m[1] ?? m[2]);
  if (subjects.some((s) => /refs\/tags/.test(s) && !/slsa-github-generator/.test(s))) {
    problems.push(`${at(vi)}: the signature policy accepts signatures made on tags: only main's workflows may sign`);
  }
  const provenance = (vi?.toJSON?.()?.attestations ?? []).find((a) => /slsa\.dev\/provenance/.test(a.type ?? a.predicateType ?? ''));
  if (!provenance) {
    problems.push(`${at(vi)}: the signature policy does not demand SLSA provenance`);
  } else {
    const keys = JSON.stringify(provenance.conditions ?? []);
    if (!/configSource\.uri/.test(keys) || !/configSource\.entryPoint/.test(keys)) {
      problems.push(`${at(vi)}: the provenance attestation is not tied to this repository's workflows (conditions on invocation.configSource.uri and entryPoint)`);
    }
  }
}

// DAST against an ephemeral environment, on every pull request that touches the service.
{
  const { doc, at } = load(dast);
  const paths = doc.getIn(['on', 'pull_request', 'paths'])?.toJSON?.() ?? [];
  if (!paths.includes('app/**')) problems.push(`${at(doc.get('on', true))}: DAST does not run on pull requests that touch app/`);
  const steps = (doc.get('jobs', true)?.items ?? []).flatMap((j) => j.value.get('steps')?.items ?? []);
  const run = (s) => String(s.get('run') ?? '');
  const deploy = steps.find((s) => /kubectl kustomize kubernetes\/apps\/devsecops-app\/ephemeral/.test(run(s)));
  if (!deploy) problems.push(`${at(doc.get('jobs', true))}: DAST does not deploy kubernetes/apps/devsecops-app/ephemeral`);
  for (const s of steps) {
    if (/kubectl kustomize kubernetes\/apps\/devsecops-app\/(base|overlays)/.test(run(s))) {
      problems.push(`${at(s)}: DAST deploys a manifest set meant for AKS (zone spread, registry images): deploy the ephemeral overlay`);
    }
  }
  if (deploy && !/rollout status/.test(run(deploy))) problems.push(`${at(deploy)}: DAST scans without waiting for the rollout to be ready`);
  // Nuclei without -templates scans nothing when update checks are off, and the newest templates
  // of the day when they are on: every run names the pinned templates' path.
  for (const s of steps) {
    for (const call of commandCalls(run(s)).filter((c) => c.name === 'nuclei')) {
      const flag = (...names) => call.args.findIndex((a) => names.includes(a));
      const t = flag('-t', '-templates');
      if (t < 0 || t + 1 >= call.args.length) problems.push(`${at(s)}: nuclei runs without -templates: with update checks off it has no templates and scans nothing`);
      if (flag('-disable-update-check', '-duc') < 0) problems.push(`${at(s)}: nuclei runs without -disable-update-check: it would fetch whatever templates are newest`);
    }
  }
  if (!steps.some((s) => /kind delete cluster/.test(run(s)) && /always\(\)/.test(String(s.get('if') ?? '')))) {
    problems.push(`${at(doc.get('jobs', true))}: the ephemeral cluster is not deleted whatever the outcome (if: always())`);
  }
  const lc = new LineCounter();
  const rendered = parseAllDocuments(readFileSync(dastRender, 'utf8'), { lineCounter: lc });
  const deployment = rendered.find((d) => d.get('kind') === 'Deployment' && d.getIn(['metadata', 'name']) === 'devsecops-app');
  const where = (n) => `${dastRender}:${n?.range ? lc.linePos(n.range[0]).line : 1}`;
  if (!deployment) {
    problems.push(`${dastRender}:1: no devsecops-app Deployment rendered`);
  } else {
    const spec = deployment.getIn(['spec', 'template', 'spec'], true);
    for (const c of spec.get('topologySpreadConstraints')?.items ?? []) {
      if (c.get('whenUnsatisfiable') === 'DoNotSchedule' && c.get('topologyKey') !== 'kubernetes.io/hostname') {
        problems.push(`${where(c)}: ${c.get('topologyKey')} spread with DoNotSchedule cannot be met on kind (nodes have no such label): the pod stays pending`);
      }
    }
    for (const c of spec.get('containers')?.items ?? []) {
      if (c.get('imagePullPolicy') !== 'Never' || /[./:].*\//.test(String(c.get('image')))) {
        problems.push(`${where(c)}: the DAST deployment must run the image built and loaded into kind (no registry, imagePullPolicy: Never)`);
      }
    }
    if (deployment.getIn(['spec', 'replicas']) !== 1) problems.push(`${where(deployment.get('spec', true))}: one replica on the single kind node`);
  }
}

// Every variable and secret the workflows read is documented for forks.
{
  const text = readFileSync(readme, 'utf8');
  const section = /## What a fork sets\n([\s\S]*?)\n## /.exec(text)?.[1] ?? '';
  for (const [name, file] of used) {
    if (name === 'GITHUB_TOKEN') continue;
    if (!new RegExp(`\\b${name}\\b`).test(section)) problems.push(`${file}:1: ${name} is read by the workflow but README.md's "What a fork sets" does not document it`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`delivery-flow: ${workflows.length} workflows, ${deployJobs} Argo CD deploy jobs verified first, production by pull request, ${used.size} variables/secrets documented`);
