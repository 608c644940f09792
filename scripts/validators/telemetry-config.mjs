// Structural check of the Loki, Tempo, Fluent Bit and OpenTelemetry Collector chart values in
// observability/. None of these tools runs here, so this checks what the platform relies on
// (storage backend, retention, receivers, pipeline order, secrets only by reference, pinned images)
// and the shape of Fluent Bit's classic configuration; the tools' own config checks run in
// .github/workflows/observability-tools.yml.
// Usage: node telemetry-config.mjs REPO_ROOT   (exit 0 ok, 1 a check failed, 2 usage)
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { matchesTag, parseClassic } from "./fluent-bit.mjs";

const root = process.argv[2];
if (!root) {
  console.error("usage: telemetry-config.mjs REPO_ROOT");
  process.exit(2);
}
const errors = [];
let checks = 0;

function load(rel) {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, "utf8");
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines });
  for (const e of doc.errors) errors.push(`${rel}:${e.linePos?.[0]?.line ?? "?"}: ${e.message.split("\n")[0]}`);
  const value = doc.toJS() ?? {};
  // Line of the deepest existing node on a dotted path, for error messages.
  const lineOf = (keys) => {
    for (let n = keys.length; n > 0; n--) {
      const node = doc.getIn(keys.slice(0, n), true);
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { rel, value, lineOf };
}

const get = (obj, keys) => keys.reduce((o, k) => (o == null ? undefined : o[k]), obj);

function expect(f, dotted, ok, message) {
  checks++;
  const keys = dotted.split(".");
  if (!ok(get(f.value, keys))) errors.push(`${f.rel}:${f.lineOf(keys)}: ${dotted}: ${message}`);
}

// Durations as Loki/Tempo write them (720h, 30d, 1w2d); returns hours, NaN when unreadable.
function hours(d) {
  if (typeof d !== "string" || !/^(\d+[wdhms])+$/.test(d)) return NaN;
  const unit = { w: 168, d: 24, h: 1, m: 1 / 60, s: 1 / 3600 };
  return [...d.matchAll(/(\d+)([wdhms])/g)].reduce((t, [, n, u]) => t + Number(n) * unit[u], 0);
}
const pinned = (tag) => typeof tag === "string" && /@sha256:[0-9a-f]{64}$/.test(tag);
const hostPort = (e) => typeof e === "string" && /^[^\s:]+:\d{2,5}$/.test(e);
const noInlineSecret = (obj) => !JSON.stringify(obj ?? {}).match(/"(accountKey|account_key|storage_account_key|connectionString|client_secret|secret_key)":\s*"[^"$]/);

// --- Loki ---------------------------------------------------------------------------------------
const loki = load("observability/loki/values.yaml");
expect(loki, "deploymentMode", (v) => ["SingleBinary", "SimpleScalable", "Distributed"].includes(v), "must be a chart deployment mode");
expect(loki, "loki.image.tag", pinned, "image must be pinned by digest (tag@sha256:...)");
expect(loki, "loki.storage.type", (v) => v === "azure", "logs must be stored in Azure Blob storage");
expect(loki, "loki.storage.azure.accountName", (v) => typeof v === "string" && v.length > 2, "storage account name required");
expect(loki, "loki.storage.azure", (v) => v?.useFederatedToken === true || v?.useManagedIdentity === true, "authenticate with workload identity or managed identity");
expect(loki, "loki.storage", noInlineSecret, "no account key or connection string inline");
for (const b of ["chunks", "ruler", "admin"]) {
  expect(loki, `loki.storage.bucketNames.${b}`, (v) => typeof v === "string" && /^[a-z0-9-]{3,63}$/.test(v), "Azure container name required");
}
expect(loki, "loki.schemaConfig.configs", (v) => Array.isArray(v) && v.length > 0, "at least one schema period");
(get(loki.value, ["loki", "schemaConfig", "configs"]) ?? []).forEach((_, i) => {
  const p = `loki.schemaConfig.configs.${i}`;
  expect(loki, `${p}.from`, (v) => /^\d{4}-\d{2}-\d{2}$/.test(String(v)), "YYYY-MM-DD date required");
  expect(loki, `${p}.store`, (v) => v === "tsdb", "use the tsdb index");
  expect(loki, `${p}.object_store`, (v) => v === "azure", "must match loki.storage.type");
  expect(loki, `${p}.schema`, (v) => v === "v13", "schema v13 (required for structured metadata)");
  expect(loki, `${p}.index.period`, (v) => v === "24h", "tsdb index period must be 24h");
});
expect(loki, "loki.limits_config.retention_period", (v) => hours(v) === 30 * 24, "retention must be 30 days");
expect(loki, "loki.compactor.retention_enabled", (v) => v === true, "the compactor enforces retention");
expect(loki, "loki.compactor.delete_request_store", (v) => v === "azure", "delete requests live in the object store");
expect(loki, "minio.enabled", (v) => v === false, "no in-cluster MinIO with Azure storage");

// --- Tempo --------------------------------------------------------------------------------------
const tempo = load("observability/tempo/values.yaml");
expect(tempo, "tempo.tag", pinned, "image must be pinned by digest (tag@sha256:...)");
expect(tempo, "tempo.retention", (v) => hours(v) === 7 * 24, "retention must be 7 days");
expect(tempo, "tempo.receivers.otlp.protocols.grpc.endpoint", hostPort, "OTLP gRPC receiver host:port required");
expect(tempo, "tempo.receivers.otlp.protocols.http.endpoint", hostPort, "OTLP HTTP receiver host:port required");
expect(tempo, "tempo.receivers.jaeger.protocols", (v) => v && Object.keys(v).length > 0, "Jaeger receiver needs a protocol");
for (const [proto, cfg] of Object.entries(get(tempo.value, ["tempo", "receivers", "jaeger", "protocols"]) ?? {})) {
  expect(tempo, `tempo.receivers.jaeger.protocols.${proto}`, () => ["grpc", "thrift_http", "thrift_compact", "thrift_binary"].includes(proto), "unknown Jaeger protocol");
  expect(tempo, `tempo.receivers.jaeger.protocols.${proto}.endpoint`, hostPort, "host:port required");
  void cfg;
}
expect(tempo, "tempo.receivers.zipkin.endpoint", hostPort, "Zipkin receiver host:port required");
expect(tempo, "tempo.storage.trace.backend", (v) => v === "azure", "traces must be stored in Azure Blob storage");
expect(tempo, "tempo.storage.trace.azure.storage_account_name", (v) => typeof v === "string" && v.length > 2, "storage account name required");
expect(tempo, "tempo.storage.trace.azure.container_name", (v) => typeof v === "string" && /^[a-z0-9-]{3,63}$/.test(v), "Azure container name required");
expect(tempo, "tempo.storage.trace.azure.use_federated_token", (v) => v === true, "authenticate with workload identity");
expect(tempo, "tempo.storage", noInlineSecret, "no storage key inline");

// --- Fluent Bit (classic configuration inside the chart values) ---------------------------------
const fb = load("observability/fluent-bit/values.yaml");
expect(fb, "image.tag", pinned, "image must be pinned by digest (tag@sha256:...)");
const envNames = new Set((get(fb.value, ["env"]) ?? []).map((e) => e.name));
const sections = [];
for (const key of ["service", "inputs", "filters", "outputs", "customParsers"]) {
  const text = get(fb.value, ["config", key]);
  checks++;
  if (typeof text !== "string") {
    errors.push(`${fb.rel}:${fb.lineOf(["config", key])}: config.${key}: Fluent Bit configuration text required`);
    continue;
  }
  const base = fb.lineOf(["config", key]);
  const at = (i) => `${fb.rel}:${base + i + 1}: config.${key}`;
  for (const section of parseClassic(text, at, (e) => errors.push(e))) {
    sections.push(section);
    for (const [k, v, where] of section.all) {
      for (const [, name] of v.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
        if (!envNames.has(name)) errors.push(`${where}: \${${name}} is not defined in env`);
      }
      if (/secret|password|passwd|shared_key|token/.test(k) && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v)) {
        errors.push(`${where}: ${k} must reference a secret as \${VAR}, never inline`);
      }
    }
  }
}
const of = (kind) => sections.filter((s) => s.kind === kind);
for (const s of sections) {
  checks++;
  if (s.kind !== "SERVICE" && !s.entries.has("name")) errors.push(`${s.where}: [${s.kind}] has no Name`);
  if (["FILTER", "OUTPUT"].includes(s.kind)) {
    const match = s.entries.get("match");
    const regex = s.entries.get("match_regex");
    // Tags come from the inputs and from rewrite_tag filters (Rule KEY REGEX NEW_TAG KEEP).
    const tags = [...of("INPUT").map((i) => i.entries.get("tag") ?? ""),
      ...of("FILTER").flatMap((f) => f.all.filter(([k]) => k === "rule").map(([, v]) => v.split(/\s+/)[2] ?? ""))];
    if (!match && !regex) errors.push(`${s.where}: [${s.kind}] ${s.entries.get("name")} has no Match or Match_Regex`);
    else if (match && !tags.some((t) => matchesTag(s, t.replace(/\*/g, "x")))) {
      errors.push(`${s.where}: Match ${match} selects no input Tag (${tags.join(", ")})`);
    } else if (regex) {
      // A Match_Regex must start with the literal prefix of an input tag (kube.* → ^kube\.).
      const literal = regex.replace(/^\^/, "").replace(/\\\./g, ".");
      if (!tags.some((t) => literal.startsWith(t.split("*")[0]))) errors.push(`${s.where}: Match_Regex ${regex} selects no input Tag (${tags.join(", ")})`);
    }
  }
}
const named = (kind, name) => of(kind).filter((s) => s.entries.get("name") === name);
checks += 4;
if (named("INPUT", "tail").length === 0) errors.push(`${fb.rel}: config.inputs: no tail input for container logs`);
if (!named("FILTER", "kubernetes").some((s) => /^on$/i.test(s.entries.get("merge_log") ?? ""))) {
  errors.push(`${fb.rel}: config.filters: a kubernetes filter with Merge_Log On is required (metadata and JSON parsing)`);
}
if (named("OUTPUT", "loki").length === 0) errors.push(`${fb.rel}: config.outputs: no loki output`);
if (named("OUTPUT", "azure_logs_ingestion").length + named("OUTPUT", "azure").length === 0) {
  errors.push(`${fb.rel}: config.outputs: no Azure Log Analytics output (azure_logs_ingestion)`);
}

// --- Loki's canary -----------------------------------------------------------------------------
// The canary queries its own lines back by {<streamname>="stdout", <labelname>="<its pod>"}
// (loki-canary's -streamname, default stream; the chart's lokiCanary.labelname, default pod).
// Pushing them itself (lokiCanary.push, the chart's default) it sets exactly those labels. Writing
// them to stdout instead, it finds them only if the Fluent Bit loki output sets both labels (its
// Labels or its label map) and, as its lines start with their timestamp, takes each line back out
// of the JSON record that output ships (Line_format json, Fluent Bit's default) with
// -query-append=| json | line_format "{{.log}}". Otherwise every line is reported missing.
const canaryArgs = get(loki.value, ["lokiCanary", "extraArgs"]) ?? [];
checks++;
if (get(loki.value, ["lokiCanary", "push"]) === false) {
  const streamFlag = canaryArgs.find((a) => typeof a === "string" && a.startsWith("-streamname="));
  const canaryLabels = [streamFlag ? streamFlag.slice("-streamname=".length) : "stream", get(loki.value, ["lokiCanary", "labelname"]) ?? "pod"];
  const shipped = new Set();
  for (const out of named("OUTPUT", "loki")) {
    for (const pair of (out.entries.get("labels") ?? "").split(",")) shipped.add(pair.split("=")[0].trim());
  }
  const labelMapAt = ["config", "extraFiles", "loki-labelmap.json"];
  const collectLabels = (node) => {
    if (typeof node === "string") shipped.add(node);
    else if (node && typeof node === "object") Object.values(node).forEach(collectLabels);
  };
  try {
    collectLabels(JSON.parse(get(fb.value, labelMapAt) ?? ""));
  } catch (e) {
    errors.push(`${fb.rel}:${fb.lineOf(labelMapAt)}: ${labelMapAt.join(".")}: not JSON (${e.message})`);
  }
  for (const label of canaryLabels) {
    checks++;
    if (!shipped.has(label)) {
      errors.push(`${fb.rel}:${fb.lineOf(labelMapAt)}: ${labelMapAt.join(".")}: no Loki label '${label}', which Loki's canary (lokiCanary.push false in observability/loki/values.yaml) selects its own lines by`);
    }
  }
  if (named("OUTPUT", "loki").some((o) => (o.entries.get("line_format") ?? "json").toLowerCase() === "json")) {
    checks++;
    const append = canaryArgs.find((a) => typeof a === "string" && a.startsWith("-query-append="));
    if (!append || !/\|\s*json\b/.test(append) || !/\|\s*line_format\s+["`]\{\{\s*\.log\s*\}\}["`]/.test(append)) {
      errors.push(`${loki.rel}:${loki.lineOf(["lokiCanary", "push"])}: lokiCanary: a canary that does not push reads its lines from Fluent Bit's JSON records, so it needs -query-append=| json | line_format "{{.log}}" in extraArgs`);
    }
  }
}

// --- OpenTelemetry Collector ---------------------------------------------------------------------
const otel = load("observability/otel-collector/values.yaml");
expect(otel, "mode", (v) => ["deployment", "daemonset", "statefulset"].includes(v), "chart mode required");
expect(otel, "image.repository", (v) => typeof v === "string" && v.length > 0, "the chart requires an image repository");
expect(otel, "image.tag", pinned, "image must be pinned by digest (tag@sha256:...)");
expect(otel, "config.receivers.otlp.protocols.grpc", (v) => v != null, "OTLP gRPC receiver required");
expect(otel, "config.receivers.otlp.protocols.http", (v) => v != null, "OTLP HTTP receiver required");
for (const p of ["memory_limiter", "batch", "k8sattributes"]) {
  expect(otel, `config.processors.${p}`, (v) => v != null && typeof v === "object", "processor required");
}
expect(otel, "config.processors.memory_limiter.check_interval", (v) => typeof v === "string", "memory_limiter needs check_interval");
const cfg = get(otel.value, ["config"]) ?? {};
for (const name of ["traces", "metrics"]) {
  const p = `config.service.pipelines.${name}`;
  expect(otel, p, (v) => v != null, "pipeline required");
  expect(otel, `${p}.receivers`, (v) => Array.isArray(v) && v.includes("otlp"), "must receive OTLP");
  expect(otel, `${p}.processors`, (v) => Array.isArray(v) && v[0] === "memory_limiter", "memory_limiter must come first");
  expect(otel, `${p}.processors`, (v) => Array.isArray(v) && v[v.length - 1] === "batch", "batch must come last");
  expect(otel, `${p}.processors`, (v) => Array.isArray(v) && v.includes("k8sattributes"), "k8sattributes required");
  const pipeline = get(cfg, ["service", "pipelines", name]) ?? {};
  for (const kind of ["receivers", "processors", "exporters"]) {
    for (const id of pipeline[kind] ?? []) {
      expect(otel, `${p}.${kind}`, () => cfg[kind]?.[id] != null, `${id} is not defined under config.${kind}`);
    }
  }
}
expect(otel, "config.service.pipelines.traces.exporters", (v) =>
  Array.isArray(v) && v.some((id) => id.split("/")[0] === "otlp" && /tempo/.test(cfg.exporters?.[id]?.endpoint ?? "")), "traces must be exported to Tempo over OTLP");
expect(otel, "config.service.pipelines.metrics.exporters", (v) =>
  Array.isArray(v) && v.some((id) => ["prometheus", "prometheusremotewrite"].includes(id.split("/")[0])), "metrics must go to Prometheus");

if (errors.length > 0) {
  for (const e of errors) console.error(`FAIL: ${e}`);
  process.exit(1);
}
console.log(`telemetry-config: 4 values files (loki, tempo, fluent-bit, otel-collector), ${checks} checks, ${sections.length} Fluent Bit sections`);
