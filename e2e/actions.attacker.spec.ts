import crypto from "node:crypto";
import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { PERSONAS } from "./support/personas";
import { canInspectDatabase, securityEventsByUserAgent } from "./support/security-events";
import { hostOf, METRO, SUNSET, tenantUrl } from "./support/tenants";

// Project "attacker": admin@metrogeneral.com, a member of Metro General only. Server actions are
// plain POSTs any client can replay: the one behind Metro's patient search is captured from the
// browser, then aimed at Sunset Clinic, from another site, and with a forged action id.

type Captured = { url: string; headers: Record<string, string>; body: string };

/**
 * A raw POST as any HTTP client would send it. Playwright's request API does not use Chromium's
 * host mapping, so it goes to 127.0.0.1 with the hospital's host in `Host:` and the cookie explicit.
 */
function replay(request: APIRequestContext, url: string, headers: Record<string, string>, body: string, cookie: string | null) {
  const target = new URL(url);
  return request.post(`http://127.0.0.1:${target.port}${target.pathname}`, {
    headers: { host: target.host, ...headers, ...(cookie ? { cookie } : {}) },
    data: body,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

const attackerCookie = () => sessionCookieFrom(PERSONAS.attacker.storageState);

async function capturePatientSearch(page: Page): Promise<Captured> {
  const seen = page.waitForRequest((r: Request) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.goto(tenantUrl(METRO, "/patients"));
  const request = await seen;
  const headers = request.headers();
  return {
    url: request.url(),
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    body: request.postData() ?? "[]",
  };
}

test.describe("server actions replayed by an attacker", () => {
  let action: Captured;

  test.beforeEach(async ({ page }) => {
    action = await capturePatientSearch(page);
  });

  test("the captured action works where the session belongs: Metro's own patients come back", async ({ page }) => {
    const reply = await replay(page.request, action.url, action.headers, action.body, attackerCookie());
    expect(reply.status()).toBe(200);
    const text = await reply.text();
    expect(text).toContain('"ok":true');
    expect(text).toContain(METRO.mrnPrefix);
  });

  test("the same action on Sunset Clinic's host answers 'not a member' with no Sunset data, and is recorded", async ({ page }) => {
    const userAgent = `attacker-action-${crypto.randomUUID()}`;
    const url = tenantUrl(SUNSET, "/patients");
    const reply = await replay(
      page.request,
      url,
      { ...action.headers, origin: `http://${hostOf(SUNSET)}`, "user-agent": userAgent },
      action.body,
      attackerCookie(),
    );
    expect(reply.status()).toBeLessThan(500);
    const text = await reply.text();
    expect(text).toContain('"code":"forbidden:not_a_member"');
    expect(text).not.toContain(SUNSET.mrnPrefix);
    for (const provider of SUNSET.providers) expect(text).not.toContain(provider);
    if (canInspectDatabase) {
      const events = await securityEventsByUserAgent(userAgent);
      expect(events.map((e) => e.kind)).toContain("cross_tenant_access");
      expect(events[0]?.metadata).toMatchObject({ channel: "action" });
    }
  });

  test("posted from another site, the action answers 403 — never a 500", async ({ page }) => {
    for (const origin of ["http://evil.example", `http://${hostOf(SUNSET)}`]) {
      const reply = await replay(page.request, action.url, { ...action.headers, origin }, action.body, attackerCookie());
      expect(reply.status()).toBe(403);
      expect(await reply.json()).toMatchObject({ error: { code: "forbidden:cross_origin" } });
    }
  });

  test("a forged or unknown action id never answers 500", async ({ page }) => {
    for (const id of ["0".repeat(42), "not-an-action", crypto.randomBytes(21).toString("hex")]) {
      const reply = await replay(page.request, action.url, { ...action.headers, "next-action": id }, action.body, attackerCookie());
      expect(reply.status(), `action id ${id}`).toBeLessThan(500);
    }
  });

  test("signed out, the captured action answers 'please sign in' and no patient data", async ({ page }) => {
    const reply = await replay(page.request, action.url, { ...action.headers, origin: new URL(action.url).origin }, action.body, null);
    const text = await reply.text();
    expect(reply.status()).toBeLessThan(500);
    expect(text).toContain('"code":"unauthenticated"');
    expect(text).not.toContain(METRO.mrnPrefix);
  });
});
