// Pins the service image in a kustomization's `images:` list, keeping comments and layout.
//
// Usage: node set-image.mjs KUSTOMIZATION NAME NEW_NAME DIGEST
//        node set-image.mjs --get KUSTOMIZATION NAME   prints the pinned NEW_NAME@DIGEST
//   NAME      the image name the base uses (e.g. devsecops-app); an entry matches when its name is
//             NAME or ends with /NAME, or its newName ends with /NAME
//   NEW_NAME  registry/repository to deploy (e.g. myacr.azurecr.io/devsecops-app)
//   DIGEST    sha256:<64 hex>
// Prints "changed" or "unchanged". Exit 0 done, 1 no matching entry or unreadable file, 2 usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

const get = process.argv[2] === '--get';
const [file, name, newName, digest] = process.argv.slice(get ? 3 : 2);
if (get && file && name) {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const entry = (doc.toJS()?.images ?? []).find((i) => i.name === name || String(i.name).endsWith(`/${name}`));
  if (!entry?.newName || !/^sha256:[0-9a-f]{64}$/.test(entry.digest ?? '')) {
    console.error(`${file}: no images: entry for ${name} with newName and digest`);
    process.exit(1);
  }
  console.log(`${entry.newName}@${entry.digest}`);
  process.exit(0);
}
if (!file || !name || !newName || !digest) {
  console.error('usage: node set-image.mjs KUSTOMIZATION NAME NEW_NAME DIGEST');
  process.exit(2);
}
if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
  console.error(`set-image: digest must be sha256:<64 hex>, got ${digest}`);
  process.exit(2);
}
let text;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  console.error(`set-image: cannot read ${file}: ${e.message}`);
  process.exit(1);
}
const doc = parseDocument(text);
if (doc.errors.length > 0) {
  console.error(`${file}:${doc.errors[0].linePos?.[0]?.line ?? 1}: ${doc.errors[0].message}`);
  process.exit(1);
}
const images = doc.get('images');
const matches = (images?.items ?? []).filter((item) => {
  const n = String(item.get?.('name') ?? '');
  const nn = String(item.get?.('newName') ?? '');
  return n === name || n.endsWith(`/${name}`) || nn.endsWith(`/${name}`);
});
if (matches.length === 0) {
  console.error(`${file}: no images: entry for ${name} (expected name: ${name} or a newName ending in /${name})`);
  process.exit(1);
}
let changed = false;
for (const item of matches) {
  if (item.get('newName') !== newName || item.get('digest') !== digest || item.has('newTag')) changed = true;
  item.set('newName', newName);
  item.set('digest', digest);
  item.delete('newTag');
}
if (changed) writeFileSync(file, doc.toString());
console.log(changed ? 'changed' : 'unchanged');
