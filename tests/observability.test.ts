import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { reloadConfig } from "@/lib/config/env";
import { afterCommit, withTenant } from "@/lib/db/tenant";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { runWithRequestContext } from "@/lib/observability/request-context";
import { runAsPublic } from "@/lib/pipeline/run-in-tenant";
import { cancelAppointment } from "@/lib/scheduling/booking";
import { flushUsage, usageDay } from "@/lib/usage/meter";
import { createOrganization, createWorld, expectPgCode } from "./support/fixtures";
import { capturedLines } from "./support/log-capture";
import { asOwner } from "./support/owner";
import { arriveAs, person, type Person } from "./support/request-context";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const OPERATOR_TOKEN = "operator-token-for-the-metrics-tests-0123456789";

/** One GET through a real route handler, arriving on `host` as `who` (a session, a bearer, or nobody). */
async function get(handler: Handler, host: string, path: string, who: { session?: Person; bearer?: string } = {}) {
  const headers: Record<string, string> = who.bearer ? { authorization: `Bearer ${who.bearer}` } : {};
  arriveAs({ host, path, session: who.session?.session ?? null, headers });
  return handler(new Request(`http://${host}${path}`, { headers }), { params: Promise.resolve({}) });
}

async function usageRow(orgId: string) {
  const [row] = await asOwner(
    (owner) => owner<{ requests: string; api_calls: string; db_time_ms: string }[]>`
      select requests, api_calls, db_time_ms from organization_resource_usage where organization_id = ${orgId} and day = ${usageDay(new Date())}`,
  );
  return row ? { requests: Number(row.requests), apiCalls: Number(row.api_calls), dbTimeMs: Number(row.db_time_ms) } : null;
}

const providersGet = async () => (await import("@/app/api/v1/providers/route")).GET as Handler;
const usageGet = async () => (await import("@/app/api/v1/settings/usage/route")).GET as Handler;
const metricsGet = async () => (await import("@/app/api/metrics/route")).GET as Handler;

beforeAll(() => {
  process.env.PLATFORM_ADMIN_TOKEN = OPERATOR_TOKEN;
  reloadConfig();
});

afterAll(() => {
  delete process.env.PLATFORM_ADMIN_TOKEN;
  reloadConfig();
});

describe("per-organization resource usage", () => {
  it("counts every request, the API-key calls among them and database time, in one row per organization and day", async () => {
    const a = await createOrganization("usage-a");
    const b = await createOrganization("usage-b");
    const adminA = await person([{ orgId: a.id, role: "admin" }], "usage-admin-a");
    const { token } = await withTenant(a.id, (tx) => createApiKey(tx, a.id, { name: "sync", role: "admin", createdBy: null }));
    const providers = await providersGet();
    const hostA = `${a.slug}.localhost`;

    for (let i = 0; i < 3; i++) expect((await get(providers, hostA, "/api/v1/providers", { bearer: token })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(providers, hostA, "/api/v1/providers", { session: adminA })).status).toBe(200);
    await flushUsage();

    const row = await usageRow(a.id);
    expect(row).toMatchObject({ requests: 5, apiCalls: 3 });
    expect(row!.dbTimeMs).toBeGreaterThan(0);
    expect(await usageRow(b.id)).toBeNull();

    // Another flush adds to the same row.
    await get(providers, hostA, "/api/v1/providers", { bearer: token });
    await flushUsage();
    expect(await usageRow(a.id)).toMatchObject({ requests: 6, apiCalls: 4 });
  });

  it("an organization's admin sees its own usage only; another organization's admin sees none of it", async () => {
    const a = await createOrganization("usage-own-a");
    const b = await createOrganization("usage-own-b");
    const adminA = await person([{ orgId: a.id, role: "admin" }], "usage-own-admin-a");
    const adminB = await person([{ orgId: b.id, role: "admin" }], "usage-own-admin-b");
    const providers = await providersGet();
    const usage = await usageGet();
    for (let i = 0; i < 4; i++) await get(providers, `${a.slug}.localhost`, "/api/v1/providers", { session: adminA });
    await flushUsage();

    type Body = { data: { resources: { totals: { requests: number; apiCalls: number }; days: { day: string; requests: number }[] } } };
    const own = (await (await get(usage, `${a.slug}.localhost`, "/api/v1/settings/usage", { session: adminA })).json()) as Body;
    expect(own.data.resources.totals.requests).toBe(4);
    expect(own.data.resources.days).toEqual([expect.objectContaining({ day: usageDay(new Date()), requests: 4 })]);

    const other = (await (await get(usage, `${b.slug}.localhost`, "/api/v1/settings/usage", { session: adminB })).json()) as Body;
    expect(other.data.resources.totals.requests).toBe(0);
    expect(other.data.resources.days.every((d) => d.requests === 0)).toBe(true);

    // B's admin on A's address is refused, and B's tenant transaction sees no row of A's.
    expect((await get(usage, `${a.slug}.localhost`, "/api/v1/settings/usage", { session: adminB })).status).toBe(403);
    const seen = await withTenant(b.id, (tx) => tx.execute(sql`select organization_id from organization_resource_usage`));
    expect([...seen].every((r) => (r as { organization_id: string }).organization_id === b.id)).toBe(true);
    await expectPgCode(
      withTenant(b.id, (tx) =>
        tx.execute(sql`insert into organization_resource_usage (organization_id, day, requests) values (${a.id}, current_date, 1000)`),
      ),
      "42501",
    );
  });
});

describe("the metrics endpoint", () => {
  it("answers only the operator token; everyone else gets a 404 that reveals nothing", async () => {
    const org = await createOrganization("metrics-probe");
    const admin = await person([{ orgId: org.id, role: "owner" }], "metrics-admin");
    const { token: apiKey } = await withTenant(org.id, (tx) => createApiKey(tx, org.id, { name: "k", role: "admin", createdBy: null }));
    const scrape = await metricsGet();
    const attempts = [
      { host: "localhost", who: {} },
      { host: "localhost", who: { bearer: "not-the-token" } },
      { host: "localhost", who: { bearer: `${OPERATOR_TOKEN}x` } },
      { host: "localhost", who: { session: admin } },
      { host: `${org.slug}.localhost`, who: { session: admin } },
      { host: `${org.slug}.localhost`, who: { bearer: apiKey } },
    ];
    for (const { host, who } of attempts) {
      const response = await get(scrape, host, "/api/metrics", who);
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("agentcare_");
      expect(body).not.toContain("process_cpu");
    }
  });

  it("serves the request, tenant-resolution, security, outbox, audit and pool metrics with bounded labels", async () => {
    const org = await createOrganization("metrics-read");
    const stranger = await createOrganization("metrics-stranger");
    const outsider = await person([{ orgId: stranger.id, role: "admin" }], "metrics-outsider");
    const providers = await providersGet();
    await get(providers, `${org.slug}.localhost`, `/api/v1/providers?q=Smith`, { session: outsider });
    await get(providers, "no-such-hospital.localhost", "/api/v1/providers", { session: outsider });

    const response = await get(await metricsGet(), "localhost", "/api/metrics", { bearer: OPERATOR_TOKEN });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const body = await response.text();
    expect(body).toMatch(/agentcare_http_requests_total\{route="\/api\/v1\/providers",method="GET",status="403",channel="api"\} \d+/);
    expect(body).toMatch(
      /agentcare_http_request_duration_seconds_bucket\{le="[0-9.]+",route="\/api\/v1\/providers",method="GET",channel="api"\}/,
    );
    expect(body).toMatch(/agentcare_tenant_resolution_failures_total\{reason="unknown_host"\} [1-9]/);
    expect(body).toContain(`agentcare_security_events_total{kind="cross_tenant_access",organization_id="${org.id}"}`);
    for (const gauge of [
      "agentcare_outbox_pending",
      "agentcare_outbox_oldest_pending_age_seconds",
      "agentcare_audit_unsealed_rows",
      "agentcare_audit_sealing_lag_seconds",
      "agentcare_db_pool_in_use",
      "agentcare_db_pool_waiting",
      "process_cpu_user_seconds_total",
    ]) {
      expect(body).toMatch(new RegExp(`^${gauge} [0-9.e+-]+$`, "m"));
    }
    // Never a query string, a user's id or a host in a label; organization ids only on security events.
    expect(body).not.toContain("Smith");
    expect(body).not.toContain(outsider.id);
    expect(body).not.toContain("no-such-hospital");
    for (const line of body.split("\n").filter((l) => l.includes(org.id))) expect(line).toMatch(/^agentcare_security_events_total\{/);
  });

  it("counts a cancellation once its transaction commits, never one that rolls back", async () => {
    const world = await createWorld("metrics-cancel");
    const cancellations = async () => (await metrics().cancellations.get()).values[0]?.value ?? 0;
    const before = await cancellations();
    const request = { requestId: "metrics-cancel", ip: null, userAgent: null };
    await expect(
      runAsPublic({ orgId: world.orgId, request }, async (ctx) => {
        await cancelAppointment(ctx, { id: world.appointmentId, notify: false, offerToWaitlist: false, by: "staff" });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await cancellations()).toBe(before);
    await runAsPublic({ orgId: world.orgId, request }, (ctx) =>
      cancelAppointment(ctx, { id: world.appointmentId, notify: false, offerToWaitlist: false, by: "staff" }),
    );
    expect(await cancellations()).toBe(before + 1);

    let ran = false;
    await expect(
      withTenant(world.orgId, async () => {
        afterCommit(() => (ran = true));
        throw new Error("no commit");
      }),
    ).rejects.toThrow("no commit");
    expect(ran).toBe(false);
  });
});

describe("request logs", () => {
  it("one line per request with its id (the x-request-id header), organization, route template, status and duration", async () => {
    const org = await createOrganization("request-log");
    const admin = await person([{ orgId: org.id, role: "admin" }], "request-log-admin");
    const response = await get(await providersGet(), `${org.slug}.localhost`, "/api/v1/providers?q=Vasquez", { session: admin });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const lines = capturedLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === id);
    const requestLines = lines.filter((l) => l.msg === "request");
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      requestId: id,
      organizationId: org.id,
      userId: admin.id,
      route: "/api/v1/providers",
      method: "GET",
      status: 200,
      channel: "api",
    });
    expect(typeof requestLines[0]!.durationMs).toBe("number");
    expect(JSON.stringify(requestLines[0])).not.toContain("Vasquez");
  });

  it("every line logged while a request runs carries its id and organization", () => {
    runWithRequestContext({ requestId: "context-line-1", organizationId: "00000000-0000-4000-8000-000000000001" }, () =>
      logger.info({ thing: "x" }, "inside a request"),
    );
    logger.info("outside any request");
    const inside = capturedLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === "inside a request");
    expect(inside).toMatchObject({ requestId: "context-line-1", organizationId: "00000000-0000-4000-8000-000000000001" });
    const outside = capturedLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === "outside any request");
    expect(outside).not.toHaveProperty("requestId");
  });
});
