// What the repository's installers put on PATH, and the checks validate-assets.sh runs: knowledge of
// this repository's scripts that the command walk (shell-commands.mjs) cannot read from a loop.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { looseText, syntax, wordText } from './shell-words.mjs';

// Debian packages of the test tools and the commands each installs (scripts/install-test-deps.sh).
const DEBIAN_COMMANDS = {
  prometheus: ['prometheus', 'promtool'],
  'prometheus-alertmanager': ['prometheus-alertmanager', 'amtool'],
  uidmap: ['newuidmap', 'newgidmap'],
  'docker-registry': ['docker-registry'],
  'etcd-server': ['etcd'],
  'etcd-client': ['etcdctl'],
};

// validate-assets.sh runs the checks it is given (every one without arguments) through a loop
// variable the parser cannot follow.
export const VALIDATE_ASSETS = 'scripts/validate-assets.sh';
export function checksRun(root, rel, args) {
  if (rel !== VALIDATE_ASSETS) return [];
  const dir = join(root, 'scripts/checks');
  const named = args.filter((a) => a && !a.startsWith('-'));
  const all = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort().map((f) => f.replace(/\.sh$/, ''));
  return (named.length > 0 ? named.filter((n) => all.includes(n)) : all).map((n) => join(dir, `${n}.sh`));
}

// What the repository's installers put on PATH, from their arguments.
export const INSTALLER_ARGS = {
  'scripts/install-security-tools.sh': (args, lockTools) => {
    const i = args.indexOf('--only');
    const only = i >= 0 && args[i + 1] ? args[i + 1].split(',') : [...lockTools.keys()];
    return only.flatMap((t) => lockTools.get(t) ?? [`(not in scripts/security-tools.lock: ${t})`]);
  },
};

// What an installer script installs, read from its own text: Debian packages of APT_PINS (and the
// commands each ships), Go tools built with `go build -o DIR/NAME` or `go install PKG/NAME@VERSION`,
// the Go tools of scripts/security-tools.lock (arch "src") where it calls build_go_tools, and the
// tools of its own `install-security-tools.sh --only LIST` call (lockTools: tool → commands).
// Run as `install-test-deps.sh --only-go LIST` it builds just those Go tools and stops.
export const INSTALL_TEST_DEPS = 'scripts/install-test-deps.sh';
export function installs(rel, f, { root, lockTools, args = [] } = {}) {
  if (rel !== INSTALL_TEST_DEPS) return [];
  if (args[0] === '--only-go') {
    const only = args[1] ? args[1].split(',') : [];
    return [{ kind: 'install', names: only, where: rel }];
  }
  const names = [];
  syntax.Walk(f, (node) => {
    if (!node) return true;
    if (syntax.NodeType(node) === 'Assign' && node.Name.Value === 'APT_PINS' && node.Array) {
      for (const e of node.Array.Elems) {
        const pkg = (wordText(e.Value, { vars: {} }) ?? '').split('=')[0];
        if (pkg) names.push(...(DEBIAN_COMMANDS[pkg] ?? [pkg]));
      }
    }
    if (syntax.NodeType(node) === 'CallExpr' && node.Args.length > 2) {
      const words = node.Args.map(looseText);
      const go = words.indexOf('go');
      if (go >= 0 && words[go + 1] === 'build' && words.includes('-o')) names.push(basename(words[words.indexOf('-o') + 1]));
      if (go >= 0 && words[go + 1] === 'install') {
        for (const w of words.slice(go + 2)) if (/@/.test(w)) names.push(basename(w.split('@')[0]));
      }
      const only = words.indexOf('--only');
      if (lockTools && only > 0 && words.some((w) => w.endsWith('scripts/install-security-tools.sh'))) {
        for (const t of (words[only + 1] ?? '').split(',')) names.push(...(lockTools.get(t) ?? []));
      }
    }
    if (root && syntax.NodeType(node) === 'CallExpr' && node.Args.length === 1 && looseText(node.Args[0]) === 'build_go_tools') {
      names.push(...goTools(root));
    }
    return true;
  });
  return [{ kind: 'install', names, where: rel }];
}

// The tools scripts/security-tools.lock builds from Go modules (rows with arch "src").
function goTools(root) {
  return readFileSync(join(root, 'scripts/security-tools.lock'), 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => !c[0].startsWith('#') && c.length === 6 && c[2] === 'src')
    .map((c) => c[0]);
}
