// Reads observability/alertmanager/tests/routes.yaml and the routing tree of alertmanager.yaml.
// Fails unless every route (each child of the root, and the root's default) is exercised by at
// least one case: a case whose labels satisfy the route's matchers and which expects its receiver.
// Prints one line per case for scripts/checks/amtool.sh: "receivers<TAB>label=value<TAB>...".
// Usage: node alertmanager-routes.mjs CONFIG CASES   (exit 0 ok, 1 uncovered route or bad case, 2 usage)
import fs from "node:fs";
import YAML from "yaml";

const [configFile, casesFile] = process.argv.slice(2);
if (!configFile || !casesFile) {
  console.error("usage: alertmanager-routes.mjs CONFIG CASES");
  process.exit(2);
}
const config = YAML.parse(fs.readFileSync(configFile, "utf8"));
const cases = YAML.parse(fs.readFileSync(casesFile, "utf8"))?.cases ?? [];
const errors = [];

// Matchers as Alertmanager writes them: name op "value", op one of = != =~ !~.
function parseMatcher(text) {
  const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"?(.*?)"?\s*$/.exec(text);
  if (!m) throw new Error(`cannot read matcher ${text}`);
  const [, name, op, value] = m;
  const re = new RegExp(`^(?:${value})$`);
  return (labels) => {
    const v = labels[name] ?? "";
    switch (op) {
      case "=":
        return v === value;
      case "!=":
        return v !== value;
      case "=~":
        return re.test(v);
      default:
        return !re.test(v);
    }
  };
}

const routes = (config?.route?.routes ?? []).map((r, i) => ({
  where: `route.routes[${i}] (${r.receiver})`,
  receiver: r.receiver,
  matches: (labels) => (r.matchers ?? []).map(parseMatcher).every((m) => m(labels)),
}));
const covered = new Set();
const lines = [];
for (const [i, c] of cases.entries()) {
  const where = `${casesFile}: cases[${i}] (${c?.name ?? "unnamed"})`;
  if (!c?.labels || !Array.isArray(c.receivers) || c.receivers.length === 0) {
    errors.push(`${where}: needs labels and a non-empty receivers list`);
    continue;
  }
  const labels = Object.fromEntries(Object.entries(c.labels).map(([k, v]) => [k, String(v)]));
  const matching = routes.filter((r) => r.matches(labels));
  for (const r of matching) if (c.receivers.includes(r.receiver)) covered.add(r.where);
  if (matching.length === 0 && c.receivers.includes(config.route.receiver)) covered.add("route (default)");
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  lines.push([c.receivers.join(","), ...pairs].join("\t"));
}
for (const where of [...routes.map((r) => r.where), "route (default)"]) {
  if (!covered.has(where)) errors.push(`${configFile}: ${where} has no routing test case in ${casesFile}`);
}
if (errors.length > 0) {
  for (const e of errors) console.error(`FAIL: ${e}`);
  process.exit(1);
}
process.stdout.write(lines.map((l) => `${l}\n`).join(""));
