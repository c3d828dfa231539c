import "server-only";
import { LRUCache } from "lru-cache";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics of this process, served to operators at /api/metrics. Labels are bounded:
// route templates (never raw paths), methods, status codes, reasons and kinds from closed lists;
// the organization id appears only on the security-event counter (bounded by the number of
// organizations, and only ids that exist). Never a patient's data, a query string or a user id.

export type Channel = "api" | "public_api" | "admin_api" | "platform_api" | "action" | "page";

export const TENANT_RESOLUTION_FAILURES = [
  "unknown_host",
  "unverified_domain",
  "unknown_organization",
  "organization_mismatch",
  "suspended",
  "subscription_cancelled",
] as const;
export type TenantResolutionFailure = (typeof TENANT_RESOLUTION_FAILURES)[number];

/** Distinct route labels kept; any further one is counted as "other" so a flood of odd paths cannot grow the series. */
const MAX_ROUTES = 300;
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const http = {
    requests: new Counter({
      name: "agentcare_http_requests_total",
      help: "Requests answered, by route template, method, status and channel.",
      labelNames: ["route", "method", "status", "channel"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "agentcare_http_request_duration_seconds",
      help: "Time to answer a request, by route template, method and channel.",
      labelNames: ["route", "method", "channel"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
  return {
    registry,
    http,
    routes: new Set<string>(),
    tenantResolutionFailures: new Counter({
      name: "agentcare_tenant_resolution_failures_total",
      help: "Requests whose organization could not be resolved or served, by reason.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    securityEvents: new Counter({
      name: "agentcare_security_events_total",
      help: "Security events recorded, by kind and the organization attempted (none when there was none).",
      labelNames: ["kind", "organization_id"] as const,
      registers: [registry],
    }),
    bookings: new Counter({
      name: "agentcare_bookings_total",
      help: "Appointments booked (committed), by how they were booked.",
      labelNames: ["via"] as const,
      registers: [registry],
    }),
    cancellations: new Counter({
      name: "agentcare_cancellations_total",
      help: "Appointments cancelled (committed).",
      registers: [registry],
    }),
    noShows: new Counter({
      name: "agentcare_no_shows_total",
      help: "Appointments marked as no-shows (committed).",
      registers: [registry],
    }),
    planLimitRefusals: new Counter({
      name: "agentcare_plan_limit_refusals_total",
      help: "Requests refused by a plan limit or a feature the plan lacks, by kind.",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    dbInUse: new Gauge({
      name: "agentcare_db_pool_in_use",
      help: "Database transactions holding (or about to hold) a pooled connection.",
      registers: [registry],
    }),
    dbWaiting: new Gauge({
      name: "agentcare_db_pool_waiting",
      help: "Transactions waiting for a pooled connection (in flight beyond the pool size).",
      registers: [registry],
    }),
    dbPoolMax: new Gauge({ name: "agentcare_db_pool_max", help: "The pool's size.", registers: [registry] }),
    dbTransactionDuration: new Histogram({
      name: "agentcare_db_transaction_duration_seconds",
      help: "Time inside withTenant or withPlatform, waiting for a connection included, by scope.",
      labelNames: ["scope"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxPending: new Gauge({
      name: "agentcare_outbox_pending",
      help: "Notifications waiting to be sent, all organizations (read at scrape time).",
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: "agentcare_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest notification waiting to be sent (0 when none).",
      registers: [registry],
    }),
    auditUnsealed: new Gauge({
      name: "agentcare_audit_unsealed_rows",
      help: "Audit rows not yet sealed into their organization's hash chain.",
      registers: [registry],
    }),
    auditSealingLag: new Gauge({
      name: "agentcare_audit_sealing_lag_seconds",
      help: "Age of the oldest audit row not yet sealed (0 when none).",
      registers: [registry],
    }),
    usageFlushFailures: new Counter({
      name: "agentcare_usage_flush_failures_total",
      help: "Flushes of per-organization resource usage that failed (their counts are kept for the next flush).",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

// One registry per process: Next bundles route handlers and server actions separately, and a
// registry per bundle would serve only the handler's own counts.
const globalForMetrics = globalThis as unknown as { __agentcareMetrics?: Metrics };

export function metrics(): Metrics {
  return (globalForMetrics.__agentcareMetrics ??= createMetrics());
}

/** A route label from the closed set: the template, or "other" once MAX_ROUTES distinct ones exist. */
export function routeLabel(route: string): string {
  const { routes } = metrics();
  if (routes.has(route)) return route;
  if (routes.size >= MAX_ROUTES) return "other";
  routes.add(route);
  return route;
}

export function recordRequest({
  route,
  method,
  status,
  channel,
  seconds,
}: {
  route: string;
  method: string;
  status: number;
  channel: Channel;
  seconds: number;
}): void {
  const m = metrics();
  const label = routeLabel(route);
  const verb = METHODS.has(method.toUpperCase()) ? method.toUpperCase() : "OTHER";
  m.http.requests.inc({ route: label, method: verb, status: String(status), channel });
  m.http.duration.observe({ route: label, method: verb, channel }, seconds);
}

/**
 * A page request: counted now; its time is observed when the production server has sent the whole
 * response (a page is still rendering when its organization is resolved): the server calls
 * `__agentcareObserveResponse` on globalThis with the request id, and the route noted here is used.
 */
export function recordPageRequest({ route, status, requestId }: { route: string; status: number; requestId?: string }): void {
  const label = routeLabel(route);
  metrics().http.requests.inc({ route: label, method: "GET", status: String(status), channel: "page" });
  if (requestId) pagesInFlight().set(requestId, label);
}

type ObserveResponse = (response: { requestId: unknown; seconds: number }) => void;
const globalForPages = globalThis as unknown as {
  __agentcarePagesInFlight?: LRUCache<string, string>;
  __agentcareObserveResponse?: ObserveResponse;
};

/** Request id → page route label, until the server reports the response finished (bounded: a minute, 10,000 pages). */
function pagesInFlight(): LRUCache<string, string> {
  if (!globalForPages.__agentcarePagesInFlight) {
    const inFlight = new LRUCache<string, string>({ max: 10_000, ttl: 60_000 });
    globalForPages.__agentcarePagesInFlight = inFlight;
    globalForPages.__agentcareObserveResponse = ({ requestId, seconds }) => {
      if (typeof requestId !== "string") return;
      const route = inFlight.get(requestId);
      if (!route) return;
      inFlight.delete(requestId);
      metrics().http.duration.observe({ route, method: "GET", channel: "page" }, seconds);
    };
  }
  return globalForPages.__agentcarePagesInFlight;
}

export function countTenantResolutionFailure(reason: TenantResolutionFailure): void {
  metrics().tenantResolutionFailures.inc({ reason });
}

/** `organizationId`: an organization that exists, or null (the caller checks). */
export function countSecurityEvent(kind: string, organizationId: string | null): void {
  metrics().securityEvents.inc({ kind, organization_id: organizationId ?? "none" });
}

export function countPlanLimitRefusal(code: string): void {
  // Codes are "plan_limit:users", "plan_feature:online_booking" …: a closed list.
  metrics().planLimitRefusals.inc({ kind: code });
}

export function countBooking(via: string): void {
  metrics().bookings.inc({ via });
}

export function countCancellation(): void {
  metrics().cancellations.inc();
}

export function countNoShow(): void {
  metrics().noShows.inc();
}

/** Every metric name the registry serves (dashboards and alert rules may use only these). */
export async function registeredMetricNames(): Promise<string[]> {
  const json = await metrics().registry.getMetricsAsJSON();
  return json.map((m) => m.name);
}
