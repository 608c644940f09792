// What `terraform validate` and `terraform test` would reject in the stacks under infra/terraform,
// checked without the azurerm provider (which cannot be downloaded where this runs):
//   - each stack links the shared versions.tf and conventions.tf (one place for constraints, common
//     variables, naming and tags) instead of keeping a copy that can drift;
//   - no argument the pinned provider range deprecates (read in the provider's source);
//   - no secret value in the state: a Key Vault secret's value is the write-only value_wo
//     (azurerm 4.23, Terraform 1.11), never value, which the state keeps in plain text;
//   - the provider constraint admits no version older than the arguments used need;
//   - a nested block read by index (x.y.block[0]) is written in the configuration: a block only the
//     provider fills is empty under the tests' mock provider, so the index fails in every test run.
// Usage: node terraform-stacks.mjs ROOT STACK...   (ROOT holds shared/ and the stacks)
// Problems: "file:line: message"; exit 1 if any, 2 on usage errors.
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

const [root, ...stacks] = process.argv.slice(2);
if (!root || stacks.length === 0) {
  console.error('usage: node terraform-stacks.mjs ROOT STACK...');
  process.exit(2);
}
const problems = [];
const SHARED = ['versions.tf', 'conventions.tf'];
// resource type → argument → why it must not be used (azurerm v4.65.0 source).
const DEPRECATED = {
  azurerm_federated_identity_credential: {
    parent_id: 'deprecated since azurerm 4.65: use user_assigned_identity_id',
    resource_group_name: 'deprecated and unused since azurerm 4.65 (the identity id names the group)',
  },
};
// resource type → argument the state would keep a secret in → what to use instead.
const SECRET_IN_STATE = {
  azurerm_key_vault_secret: {
    value: 'kept in the state in plain text: write it with value_wo and value_wo_version (write-only, never stored)',
  },
};
// The oldest provider release that has every argument the stacks use.
const MINIMUM_PROVIDER = [4, 65];

const lineAt = (text, index) => text.slice(0, index).split('\n').length;
const rel = (file) => relative(process.cwd(), file) || file;

// Blocks `resource "TYPE" "NAME" { ... }` with their bodies. Braces inside strings and heredocs
// are balanced in these files (interpolations), so counting braces finds each block's end.
function resources(text) {
  const found = [];
  for (const m of text.matchAll(/^resource\s+"([\w-]+)"\s+"([\w-]+)"\s*\{/gm)) {
    let depth = 1;
    let i = m.index + m[0].length;
    while (i < text.length && depth > 0) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
      i++;
    }
    found.push({ type: m[1], name: m[2], body: text.slice(m.index + m[0].length, i - 1), start: m.index + m[0].length });
  }
  return found;
}

const code = (text) => text.replace(/#.*$/gm, (c) => ' '.repeat(c.length));

for (const stack of stacks) {
  const dir = join(root, stack);
  // Every shared file a stack uses is a link; versions.tf and conventions.tf every stack uses.
  const sharedHere = readdirSync(join(root, 'shared')).filter((f) => f.endsWith('.tf') && existsSync(join(dir, f)));
  for (const name of new Set([...SHARED, ...sharedHere])) {
    const file = join(dir, name);
    if (!existsSync(file)) {
      problems.push(`${rel(file)}:1: missing: link ../shared/${name} here`);
    } else if (!lstatSync(file).isSymbolicLink() || readlinkSync(file) !== `../shared/${name}`) {
      problems.push(`${rel(file)}:1: a copy of the shared ${name}: link ../shared/${name} instead, so the stacks cannot drift apart`);
    }
  }
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => join(dir, f)),
    ...(existsSync(join(dir, 'tests')) ? readdirSync(join(dir, 'tests')).filter((f) => f.endsWith('.tftest.hcl')).map((f) => join(dir, 'tests', f)) : [])];
  const texts = new Map(files.map((f) => [f, code(readFileSync(f, 'utf8'))]));
  const declared = new Map();
  for (const [file, text] of texts) {
    if (!file.endsWith('.tf')) continue;
    for (const r of resources(text)) {
      declared.set(`${r.type}.${r.name}`, r);
      for (const [arg, why] of Object.entries({ ...DEPRECATED[r.type], ...SECRET_IN_STATE[r.type] })) {
        const m = new RegExp(`^\\s*${arg}\\s*=`, 'm').exec(r.body);
        if (m) problems.push(`${rel(file)}:${lineAt(text, r.start + m.index + 1)}: ${r.type}.${r.name}: ${arg} is ${why}`);
      }
    }
    for (const m of text.matchAll(/^\s*version\s*=\s*"([^"]+)"/gm)) {
      const lower = /(?:~>|>=)\s*(\d+)\.(\d+)/.exec(m[1]);
      if (lower && /required_providers/.test(text) && (Number(lower[1]) < MINIMUM_PROVIDER[0] ||
          (Number(lower[1]) === MINIMUM_PROVIDER[0] && Number(lower[2]) < MINIMUM_PROVIDER[1]))) {
        problems.push(`${rel(file)}:${lineAt(text, m.index)}: provider constraint "${m[1]}" admits releases older than ${MINIMUM_PROVIDER.join('.')}, which the arguments used need`);
      }
    }
  }
  for (const [file, text] of texts) {
    for (const m of text.matchAll(/\b(azurerm_\w+)\.(\w+)\.(\w+)\[0\]/g)) {
      const r = declared.get(`${m[1]}.${m[2]}`);
      if (!r) continue;
      if (!new RegExp(`^\\s*(${m[3]}\\s*\\{|dynamic\\s+"${m[3]}"\\s*\\{)`, 'm').test(r.body)) {
        problems.push(`${rel(file)}:${lineAt(text, m.index)}: ${m[0]} reads a block the configuration does not write: only the provider fills it, and a mock provider leaves it empty, so terraform test fails on the index`);
      }
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`terraform-stacks: ${stacks.length} stacks link the shared ${SHARED.join(' and ')}; no deprecated argument, no secret value kept in state, no provider-filled block read by index`);
