import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { metrics, registeredMetricNames } from "./metrics";

// The dashboard and the alert rules in ops/ may name only metrics this process registers: a
// renamed metric would otherwise leave a panel empty or an alert silently never firing.

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, "ops", file), "utf8");

type Rule = { alert: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> };
type Dashboard = { panels: { title: string; targets: { expr: string }[] }[] };

const METRIC = /\b((?:agentcare|process|nodejs)_[a-z0-9_]+)\b/g;
const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

/** The metric names a PromQL expression uses (histogram series mapped to their metric). */
function metricsIn(expr: string, histograms: Set<string>): string[] {
  return [...expr.matchAll(METRIC)].map(([, name]) => {
    const base = name!.replace(HISTOGRAM_SUFFIX, "");
    return base !== name && histograms.has(base) ? base : name!;
  });
}

async function histogramNames(): Promise<Set<string>> {
  const json = await metrics().registry.getMetricsAsJSON();
  return new Set(json.filter((m) => String(m.type) === "histogram").map((m) => m.name));
}

function alertRules(): Rule[] {
  const doc = parse(read("prometheus-alerts.yml")) as { groups: { name: string; rules: Rule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

describe("ops/prometheus-alerts.yml", () => {
  it("parses as Prometheus rule groups, each rule with an expression, a severity and a summary", () => {
    const rules = alertRules();
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        "AgentCareHigh5xxRate",
        "AgentCareHighP99Latency",
        "AgentCareTenantResolutionFailureBurst",
        "AgentCareCrossTenantAttempt",
        "AgentCareOutboxStuck",
        "AgentCareAuditSealingLag",
        "AgentCareDatabasePoolWaiting",
      ]),
    );
    for (const rule of rules) {
      expect(rule.expr.trim(), rule.alert).not.toBe("");
      expect(rule.labels?.severity, rule.alert).toMatch(/^(page|ticket)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it("uses only registered metrics", async () => {
    const names = new Set(await registeredMetricNames());
    const histograms = await histogramNames();
    for (const rule of alertRules()) {
      const used = metricsIn(rule.expr, histograms);
      expect(used.length, rule.alert).toBeGreaterThan(0);
      for (const name of used) expect(names.has(name), `${rule.alert} uses ${name}`).toBe(true);
    }
  });
});

describe("ops/grafana-dashboard.json", () => {
  it("is a dashboard whose every panel queries registered metrics", async () => {
    const dashboard = JSON.parse(read("grafana-dashboard.json")) as Dashboard;
    const names = new Set(await registeredMetricNames());
    const histograms = await histogramNames();
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) {
        const inTarget = metricsIn(target.expr, histograms);
        expect(inTarget.length, panel.title).toBeGreaterThan(0);
        for (const name of inTarget) {
          expect(names.has(name), `${panel.title} uses ${name}`).toBe(true);
          used.add(name);
        }
      }
    }
    // Every AgentCare metric has a panel.
    for (const name of names) if (name.startsWith("agentcare_")) expect(used.has(name), `no panel shows ${name}`).toBe(true);
  });

  it("the check catches a metric that is not registered", async () => {
    const names = new Set(await registeredMetricNames());
    const [name] = metricsIn("rate(agentcare_http_requests_totl[5m])", await histogramNames());
    expect(names.has(name!)).toBe(false);
  });
});
