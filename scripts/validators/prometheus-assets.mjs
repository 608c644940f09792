// Prepares observability/prometheus for promtool, which only reads plain Prometheus files:
//   - validates every PrometheusRule listed in the kustomization against the prometheus-operator
//     schema and writes its .spec to OUT/<metadata.name>.rules.yaml (for check rules / test rules);
//   - validates the chart's additionalServiceMonitors and remoteWrite against the same schema and
//     derives OUT/prometheus.yml: the scrape job the operator would generate from each
//     ServiceMonitor endpoint (same discovery, port filter and relabelling), the remote-write queue
//     and the rule files, so `promtool check config` checks regexes, URLs and relabel actions;
//   - copies the promtool unit tests (tests/*.test.yaml) next to the rule files and fails unless
//     every alert has a case where it fires and a case where it does not.
// Usage: node prometheus-assets.mjs REPO_ROOT OUT_DIR   (exit 0 ok, 1 invalid asset, 2 usage)
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { Prometheus } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Prometheus";

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error("usage: prometheus-assets.mjs REPO_ROOT OUT_DIR");
  process.exit(2);
}
const dir = path.join(root, "observability/prometheus");
const errors = [];

function readYaml(file) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"), { prettyErrors: true });
  for (const d of docs) {
    for (const e of d.errors) {
      const line = e.linePos?.[0]?.line;
      errors.push(`${path.relative(root, file)}${line ? `:${line}` : ""}: ${e.message.split("\n")[0]}`);
    }
  }
  return docs.map((d) => d.toJS()).filter((d) => d != null);
}

function validate(model, what, file) {
  try {
    model.validate();
  } catch (e) {
    errors.push(`${path.relative(root, file)}: ${what}: ${e.message}`);
  }
}

// camelCase operator fields -> snake_case Prometheus fields (sourceLabels -> source_labels).
function snake(value) {
  if (Array.isArray(value)) return value.map(snake);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v)]),
    );
  }
  return value;
}

const labelName = (k) => k.replace(/[^a-zA-Z0-9_]/g, "_");

function scrapeConfigs(monitor, namespace) {
  const { spec } = monitor;
  return spec.endpoints.map((ep, i) => {
    const relabel = [];
    for (const [k, v] of Object.entries(spec.selector?.matchLabels ?? {})) {
      relabel.push({ action: "keep", source_labels: [`__meta_kubernetes_service_label_${labelName(k)}`], regex: v });
    }
    if (ep.port) relabel.push({ action: "keep", source_labels: ["__meta_kubernetes_endpoint_port_name"], regex: ep.port });
    relabel.push(
      { action: "replace", source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { action: "replace", source_labels: ["__meta_kubernetes_service_name"], target_label: "service" },
      { action: "replace", source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      { action: "replace", source_labels: ["__meta_kubernetes_service_name"], target_label: "job" },
      ...snake(ep.relabelings ?? []),
    );
    const job = {
      job_name: `serviceMonitor/${namespace}/${monitor.metadata.name}/${i}`,
      honor_labels: ep.honorLabels ?? false,
      metrics_path: ep.path ?? "/metrics",
      scheme: ep.scheme ?? "http",
      // Debian's promtool is built without Kubernetes service discovery, so the endpoints the
      // operator would discover are stood in for by the Service's in-cluster address; the relabel
      // rules that follow are the operator's and are checked as they are.
      static_configs: (spec.namespaceSelector?.matchNames ?? [namespace]).map((ns) => ({
        targets: [`${monitor.metadata.name}.${ns}.svc:${ep.targetPort ?? 80}`],
      })),
      relabel_configs: relabel,
    };
    if (ep.interval) job.scrape_interval = ep.interval;
    if (ep.scrapeTimeout) job.scrape_timeout = ep.scrapeTimeout;
    if (ep.metricRelabelings) job.metric_relabel_configs = snake(ep.metricRelabelings);
    return job;
  });
}

fs.mkdirSync(out, { recursive: true });

// 1. PrometheusRules, exactly the resources the kustomization ships.
const kustomization = path.join(dir, "kustomization.yaml");
const [k] = readYaml(kustomization);
const ruleFiles = [];
const alerts = new Map(); // alert name -> file defining it
for (const res of k?.resources ?? []) {
  const file = path.join(dir, res);
  if (!fs.existsSync(file)) {
    errors.push(`${path.relative(root, kustomization)}: resource ${res} does not exist`);
    continue;
  }
  for (const doc of readYaml(file)) {
    if (doc.kind !== "PrometheusRule") continue;
    validate(new PrometheusRule(doc), `PrometheusRule ${doc.metadata?.name}`, file);
    const name = `${doc.metadata?.name}.rules.yaml`;
    if (ruleFiles.includes(name)) errors.push(`${path.relative(root, file)}: duplicate PrometheusRule ${doc.metadata?.name}`);
    for (const group of doc.spec?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        if (rule.alert) alerts.set(rule.alert, file);
      }
    }
    fs.writeFileSync(path.join(out, name), YAML.stringify(doc.spec ?? {}));
    ruleFiles.push(name);
  }
}
if (ruleFiles.length === 0) errors.push(`${path.relative(root, kustomization)}: no PrometheusRule found`);

// 2. The chart values: ServiceMonitors and the Prometheus spec parts promtool can check.
const valuesFile = path.join(dir, "values.yaml");
const [values] = readYaml(valuesFile);
const namespace = "monitoring";
const prom = values?.prometheus ?? {};
const spec = prom.prometheusSpec ?? {};
const scrape = [];
for (const sm of prom.additionalServiceMonitors ?? []) {
  const monitor = {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    metadata: { name: sm.name, namespace, labels: sm.additionalLabels },
    spec: {
      namespaceSelector: sm.namespaceSelector,
      selector: sm.selector,
      endpoints: sm.endpoints,
      ...(sm.jobLabel ? { jobLabel: sm.jobLabel } : {}),
    },
  };
  validate(new ServiceMonitor(monitor), `additionalServiceMonitors ${sm.name}`, valuesFile);
  if (!Array.isArray(sm.endpoints) || sm.endpoints.length === 0) {
    errors.push(`${path.relative(root, valuesFile)}: additionalServiceMonitors ${sm.name} has no endpoints`);
    continue;
  }
  scrape.push(...scrapeConfigs(monitor, namespace));
}
if (scrape.length === 0) errors.push(`${path.relative(root, valuesFile)}: prometheus.additionalServiceMonitors is empty`);
const promSpec = {
  remoteWrite: spec.remoteWrite ?? [],
  externalLabels: spec.externalLabels,
  replicas: spec.replicas,
};
validate(
  new Prometheus({ apiVersion: "monitoring.coreos.com/v1", kind: "Prometheus", metadata: { name: "k8s" }, spec: promSpec }),
  "prometheus.prometheusSpec",
  valuesFile,
);

const config = {
  global: {
    scrape_interval: spec.scrapeInterval ?? "30s",
    evaluation_interval: spec.evaluationInterval ?? "30s",
    external_labels: { ...(spec.externalLabels ?? {}), [spec.replicaExternalLabelName ?? "prometheus_replica"]: "prometheus-0" },
  },
  alerting: {
    alertmanagers: [{ static_configs: [{ targets: ["alertmanager-operated.monitoring.svc:9093"] }] }],
  },
  rule_files: ruleFiles,
  scrape_configs: scrape,
  remote_write: (spec.remoteWrite ?? []).map(snake),
};
fs.writeFileSync(path.join(out, "prometheus.yml"), YAML.stringify(config));

// 3. promtool unit tests: every alert needs a firing and a silent case.
const testsDir = path.join(dir, "tests");
const testFiles = fs.existsSync(testsDir) ? fs.readdirSync(testsDir).filter((f) => f.endsWith(".test.yaml")).sort() : [];
const fires = new Set();
const silent = new Set();
for (const f of testFiles) {
  const file = path.join(testsDir, f);
  fs.copyFileSync(file, path.join(out, f));
  for (const t of readYaml(file)[0]?.tests ?? []) {
    for (const a of t.alert_rule_test ?? []) {
      if (!alerts.has(a.alertname)) errors.push(`${path.relative(root, file)}: test for unknown alert ${a.alertname}`);
      ((a.exp_alerts ?? []).length > 0 ? fires : silent).add(a.alertname);
    }
  }
}
for (const [name, file] of alerts) {
  if (!fires.has(name)) errors.push(`${path.relative(root, file)}: alert ${name} has no promtool test where it fires`);
  if (!silent.has(name)) errors.push(`${path.relative(root, file)}: alert ${name} has no promtool test where it stays silent`);
}
fs.writeFileSync(path.join(out, "test-files.txt"), testFiles.map((f) => `${f}\n`).join(""));

if (errors.length > 0) {
  for (const e of errors) console.error(`FAIL: ${e}`);
  process.exit(1);
}
console.log(
  `prometheus-assets: ${ruleFiles.length} PrometheusRules (${alerts.size} alerts, each tested firing and silent), ` +
    `${scrape.length} scrape jobs, ${config.remote_write.length} remote-write queues, ${testFiles.length} test files -> ${out}`,
);
