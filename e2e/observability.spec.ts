import { expect, test, type APIRequestContext, type APIResponse, type Response } from "@playwright/test";
import { OPERATOR_TOKEN } from "./support/admin-api";
import { sessionCookieFrom, TenantApi } from "./support/api";
import { ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { requestLine } from "./support/server-log";
import { hostOf, METRO, rootUrl, tenantUrl } from "./support/tenants";

// Request ids, request lines, the operator-only metrics endpoint and the resource-usage pages,
// against the real built server (as the admin persona, who is also the platform operator).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function requestIdOf(response: Response | APIResponse | null): string {
  const id = response?.headers()["x-request-id"] ?? "";
  expect(id, "one request id, not a list").toMatch(UUID);
  return id;
}

/** Raw HTTP on the e2e server (Playwright's request API does not use Chromium's host mapping). */
const apiAs = (request: APIRequestContext, signedIn: boolean) =>
  new TenantApi(request, signedIn ? sessionCookieFrom(PERSONAS.admin.storageState) : null);

test("every response carries x-request-id, and the server's request line for it has the same id", async ({ page, request }) => {
  const admin = apiAs(request, true);
  const api = await admin.get(hostOf(METRO), "/api/v1/providers?q=Chen");
  expect(api.status()).toBe(200);
  const apiId = requestIdOf(api);
  const apiLine = await requestLine(apiId);
  expect(apiLine).toMatchObject({ route: "/api/v1/providers", method: "GET", status: 200, channel: "api" });
  expect(apiLine.organizationId).toMatch(UUID);
  expect(typeof apiLine.durationMs).toBe("number");
  expect(JSON.stringify(apiLine)).not.toContain("Chen");

  const pageResponse = await page.goto(tenantUrl(METRO, "/dashboard"));
  const pageId = requestIdOf(pageResponse);
  const pageLine = await requestLine(pageId);
  expect(pageLine).toMatchObject({ route: "/dashboard", channel: "page", organizationId: apiLine.organizationId });

  // Pages outside a tenant and refusals carry one too.
  requestIdOf(await admin.get(ROOT, "/sign-in"));
  requestIdOf(await admin.get(hostOf("no-such-hospital"), "/api/v1/providers"));
});

test("the metrics answer the operator token only: anonymous callers and signed-in users get a bare 404", async ({ request }) => {
  const anonymous = apiAs(request, false);
  const admin = apiAs(request, true);
  for (const headers of [{}, { authorization: "Bearer not-the-operator-token" }] as Record<string, string>[]) {
    const refused = await anonymous.get(ROOT, "/api/metrics", headers);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain("agentcare_");
  }
  // The admin persona is a signed-in platform operator, but a session is not the token.
  for (const host of [ROOT, hostOf(METRO)]) {
    const withSession = await admin.get(host, "/api/metrics");
    expect(withSession.status()).toBe(404);
    expect(await withSession.text()).not.toContain("agentcare_");
  }

  await admin.get(hostOf(METRO), "/api/v1/providers");
  expect((await admin.get(hostOf(METRO), "/dashboard")).status()).toBe(200);
  const scraped = await anonymous.get(ROOT, "/api/metrics", { authorization: `Bearer ${OPERATOR_TOKEN}` });
  expect(scraped.status()).toBe(200);
  const body = await scraped.text();
  expect(body).toMatch(/agentcare_http_requests_total\{route="\/api\/v1\/providers",method="GET",status="200",channel="api"\} [1-9]/);
  // A page's time is observed once the server has sent all of it.
  expect(body).toMatch(/agentcare_http_request_duration_seconds_count\{route="\/dashboard",method="GET",channel="page"\} [1-9]/);
  expect(body).toMatch(/^agentcare_outbox_pending \d+$/m);
  expect(body).toMatch(/^agentcare_audit_sealing_lag_seconds [0-9.e+-]+$/m);
  expect(body).toContain("process_resident_memory_bytes");
});

test("the plan and usage page and the operator console show requests, API calls and database time", async ({ page, request }) => {
  // Counts reach the database within a few seconds of the requests.
  await apiAs(request, true).get(hostOf(METRO), "/api/v1/providers");
  await page.goto(tenantUrl(METRO, "/settings/usage"));
  await expect(page.getByRole("heading", { name: "Platform usage" })).toBeVisible();
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect(page.getByRole("heading", { name: "Platform usage" })).toBeVisible();
        // Each day a row of its own, named by its date ("Dec 2, 2026").
        return page.getByRole("rowheader", { name: /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/ }).count();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await expect(page.getByText(/requests?, (none|[\d,]+) of them with an API key/)).toBeVisible();

  await page.goto(rootUrl("/admin"));
  await expect(page.getByRole("heading", { name: "Resource usage" })).toBeVisible();
  // Another organization may carry the same name: the row header's address tells Metro's apart.
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: `${METRO.name} ${METRO.slug}`, exact: true }) });
  await expect(row).toBeVisible();
  // Requests, API calls, database time, busiest day.
  await expect(row.getByRole("cell").nth(2)).toHaveText(/^[\d,]+\.\d s$/);
  await expect(row.getByRole("cell").nth(3)).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4} · [\d,]+ requests?$/);
});
