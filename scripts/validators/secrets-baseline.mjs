// The detect-secrets baseline (security/.secrets.baseline) in the format detect-secrets 1.5.0 writes:
// known plugins and filters, and every accepted finding pointing at a line that exists, so an
// audited exception cannot outlive the line it was taken for.
// Usage: node secrets-baseline.mjs BASELINE REPO_ROOT ; problems as "file: message"; exit 1 if any.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [file, root] = process.argv.slice(2);
if (!file || !root) {
  console.error('usage: node secrets-baseline.mjs BASELINE REPO_ROOT');
  process.exit(2);
}
// Plugins of detect-secrets 1.5.0 (detect_secrets/plugins/).
const PLUGINS = new Set(['ArtifactoryDetector', 'AWSKeyDetector', 'AzureStorageKeyDetector', 'Base64HighEntropyString',
  'BasicAuthDetector', 'CloudantDetector', 'DiscordBotTokenDetector', 'GitHubTokenDetector', 'GitLabTokenDetector',
  'HexHighEntropyString', 'IbmCloudIamDetector', 'IbmCosHmacDetector', 'IPPublicDetector', 'JwtTokenDetector',
  'KeywordDetector', 'MailchimpDetector', 'NpmDetector', 'OpenAIDetector', 'PrivateKeyDetector', 'PypiTokenDetector',
  'SendGridDetector', 'SlackDetector', 'SoftlayerDetector', 'SquareOAuthDetector', 'StripeDetector',
  'TelegramBotTokenDetector', 'TwilioKeyDetector']);
const problems = [];
let baseline;
try {
  baseline = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: not readable JSON: ${e.message}`);
  process.exit(1);
}
if (baseline.version !== '1.5.0') problems.push(`version must be 1.5.0 (the pinned detect-secrets), got ${baseline.version}`);
const plugins = baseline.plugins_used ?? [];
if (!Array.isArray(plugins) || plugins.length === 0) problems.push('plugins_used is empty: nothing would be detected');
for (const p of plugins) if (!PLUGINS.has(p?.name)) problems.push(`unknown plugin ${p?.name}`);
if (!plugins.some((p) => p.name === 'PrivateKeyDetector')) problems.push('PrivateKeyDetector is off');
for (const f of baseline.filters_used ?? []) {
  if (!/^detect_secrets\.filters\.[a-z_]+\.[a-z_]+$/.test(f?.path ?? '')) problems.push(`filter ${f?.path} is not a detect-secrets filter path`);
  for (const pattern of f.pattern ?? []) {
    try {
      new RegExp(pattern);
    } catch (e) {
      problems.push(`filter ${f.path}: pattern ${pattern} is not a regular expression (${e.message})`);
    }
  }
}
for (const [path, findings] of Object.entries(baseline.results ?? {})) {
  const target = join(root, path);
  if (!existsSync(target)) {
    problems.push(`results: ${path} does not exist (remove its entries)`);
    continue;
  }
  const lines = readFileSync(target, 'utf8').split('\n').length;
  for (const f of findings) {
    if (f.filename !== path) problems.push(`results: ${path}: entry names ${f.filename}`);
    if (!/^[0-9a-f]{40}$/.test(f.hashed_secret ?? '')) problems.push(`results: ${path}: hashed_secret must be 40 hex (SHA-1)`);
    if (!Number.isInteger(f.line_number) || f.line_number < 1 || f.line_number > lines) problems.push(`results: ${path}: line ${f.line_number} is outside the file`);
    if (typeof f.type !== 'string' || typeof f.is_verified !== 'boolean') problems.push(`results: ${path}: type and is_verified required`);
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(`${file}: ${p}`);
  process.exit(1);
}
console.log(`secrets-baseline: ${plugins.length} plugins, ${(baseline.filters_used ?? []).length} filters, ${Object.keys(baseline.results ?? {}).length} files with accepted findings`);
