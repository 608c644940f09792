// Type-checks every Grafana dashboard JSON in observability/grafana/dashboards against the
// Dashboard type of @grafana/schema with `tsc --noEmit --strict`. Each dashboard is embedded as an
// object literal, so unknown fields, wrong types and missing required fields are errors; TypeScript
// positions are mapped back to lines of the JSON file. The schema's string enums (e.g. thresholds
// mode) are accepted as their string values, which is how a JSON file spells them.
// Also: every dashboard has a uid and title, panel ids are unique, and the kustomization
// provisions every dashboard file.
// Usage: node grafana-dashboards.mjs REPO_ROOT OUT_DIR   (exit 0 ok, 1 invalid, 2 usage)
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error("usage: grafana-dashboards.mjs REPO_ROOT OUT_DIR");
  process.exit(2);
}
const scripts = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, "observability/grafana/dashboards");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const errors = [];
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

const PRELUDE = [
  'import type { Dashboard } from "@grafana/schema";',
  "// JSON spells enum members as their values: map every string enum to its string literals.",
  "type Json<T> = T extends string ? `${T}` : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;",
  "export const dashboard: Json<Dashboard> =",
];
const sources = new Map();
for (const f of files) {
  const rel = `observability/grafana/dashboards/${f}`;
  const text = fs.readFileSync(path.join(dir, f), "utf8");
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    errors.push(`${rel}: not valid JSON: ${e.message}`);
    continue;
  }
  if (!json.uid || !json.title) errors.push(`${rel}: uid and title are required`);
  const ids = new Set();
  const walk = (panels) => {
    for (const p of panels ?? []) {
      if (ids.has(p.id)) errors.push(`${rel}: panel id ${p.id} is used twice`);
      ids.add(p.id);
      walk(p.panels);
    }
  };
  walk(json.panels);
  const ts = `${f.replace(/\.json$/, "")}.ts`;
  fs.writeFileSync(path.join(out, ts), `${PRELUDE.join("\n")}\n${text.trimEnd()};\n`);
  sources.set(ts, rel);
}

// The kustomization must provision exactly these dashboards.
const kust = YAML.parse(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
const provisioned = new Set((kust?.configMapGenerator ?? []).flatMap((g) => g.files ?? []));
for (const f of files) if (!provisioned.has(f)) errors.push(`observability/grafana/dashboards/kustomization.yaml: ${f} is not in configMapGenerator`);
for (const f of provisioned) if (!files.includes(f)) errors.push(`observability/grafana/dashboards/kustomization.yaml: ${f} does not exist`);

fs.writeFileSync(
  path.join(out, "tsconfig.json"),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "ES2022",
      module: "ESNext",
      moduleResolution: "Bundler",
      skipLibCheck: true,
      types: [],
      typeRoots: [],
      paths: { "@grafana/schema": [path.join(scripts, "node_modules/@grafana/schema")] },
    },
    files: [...sources.keys()],
  }),
);
if (sources.size > 0) {
  const tsc = spawnSync(path.join(scripts, "node_modules/.bin/tsc"), ["-p", out, "--pretty", "false"], {
    encoding: "utf8",
    timeout: 300_000,
  });
  if (tsc.error) errors.push(`tsc could not run: ${tsc.error.message}`);
  // "devsecops-slo.ts(12,5): error TS2353: ..." -> "observability/.../devsecops-slo.json:8: ..."
  for (const line of `${tsc.stdout}${tsc.stderr}`.split("\n").filter(Boolean)) {
    const m = /^(?:.*\/)?([^/(]+\.ts)\((\d+),\d+\): (.*)$/.exec(line);
    if (m && sources.has(m[1])) errors.push(`${sources.get(m[1])}:${Math.max(1, Number(m[2]) - PRELUDE.length)}: ${m[3]}`);
    else if (/error TS/.test(line) || !m) errors.push(line);
  }
  if (tsc.status !== 0 && errors.length === 0) errors.push(`tsc exited ${tsc.status}`);
}
if (errors.length > 0) {
  for (const e of errors) console.error(`FAIL: ${e}`);
  process.exit(1);
}
console.log(`grafana-dashboards: ${files.length} dashboards type-check against @grafana/schema (tsc --strict), all provisioned`);
