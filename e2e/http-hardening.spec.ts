import net from "node:net";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { expectApiError, sessionCookieFrom, TenantApi } from "./support/api";
import { E2E_PORT, ROOT } from "./support/hosts";
import { PERSONAS } from "./support/personas";
import { hostOf, METRO, SUNSET, tenantUrl } from "./support/tenants";

// Project "http-hardening" (ops@agentcare.dev, an admin of both hospitals): the headers every
// response carries, the nonce CSP in a real browser, the same-origin rule for cookie-signed
// writes, and addresses that never come from the Host header.

const EVIL = `evil.example:${E2E_PORT}`;

/** One HTTP/1.1 exchange on a socket (Connection: close), the answer as bytes: status line, headers, body. */
function rawExchange(lines: string[]): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(E2E_PORT, "127.0.0.1", () => socket.write(`${[...lines, "Connection: close"].join("\r\n")}\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf("\r\n\r\n");
      const [statusLine, ...headerLines] = all.subarray(0, split).toString("latin1").split("\r\n");
      const headers = Object.fromEntries(
        headerLines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body: all.subarray(split + 4) });
    });
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
  });
}

/** Raw HTTP/1.1 on a socket: Playwright cannot send a request with two Host headers. */
function rawRequest(lines: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(E2E_PORT, "127.0.0.1", () => socket.write(`${lines.join("\r\n")}\r\n\r\n`));
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString("utf8")));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error("timeout")));
  });
}

test("a staff page renders and hydrates under the nonce CSP, with no violation, and is never cached", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(tenantUrl(METRO, "/dashboard"));
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined(); // served over http here
  expect(headers["cache-control"]).toContain("no-store");
  // Next put this response's nonce on its scripts, and the app hydrated: a client-side control works.
  const scriptNonces = await page.locator("script[src]").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(scriptNonces.every((n) => n === nonce)).toBe(true);
  await page
    .getByRole("link", { name: /patients/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/patients/);
  expect(violations).toEqual([]);
});

test("injected markup cannot run script: an inline event handler without the nonce is blocked", async ({ page }) => {
  await page.goto(tenantUrl(METRO, "/dashboard"));
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      '<img alt="" src="/no-such-image.png" onerror="document.body.dataset.injected = \'yes\'">',
    );
  });
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => document.body.dataset.injected ?? "no")).toBe("no");
});

test.describe("raw requests", () => {
  let api: TenantApi;
  test.beforeEach(({ request }) => {
    api = new TenantApi(request, sessionCookieFrom(PERSONAS.admin.storageState));
  });

  test("REST answers carry no-store and RateLimit headers; the OpenAPI document stays cacheable", async () => {
    const reply = await api.get(hostOf(METRO), "/api/v1/providers");
    expect(reply.status()).toBe(200);
    expect(reply.headers()["cache-control"]).toContain("no-store");
    expect(Number(reply.headers()["ratelimit-limit"])).toBeGreaterThan(0);
    expect(reply.headers()["ratelimit-remaining"]).toBeDefined();
    const doc = await api.as(null).get(ROOT, "/api/v1/openapi.json");
    expect(doc.headers()["cache-control"]).toContain("public");
  });

  test("a JSON answer arrives whole: its exact length, gzip only when asked for, the same document either way", async () => {
    const cookie = sessionCookieFrom(PERSONAS.admin.storageState)!;
    const ask = (path: string, encoding: string) =>
      rawExchange([
        `GET ${path} HTTP/1.1`,
        `Host: ${hostOf(METRO)}`,
        `Cookie: ${cookie}`,
        "Accept: application/json",
        `Accept-Encoding: ${encoding}`,
      ]);
    for (const path of ["/api/v1/providers", `/api/v1/appointments/${crypto.randomUUID()}`]) {
      const plain = await ask(path, "identity");
      expect(plain.headers["content-type"]).toBe("application/json");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(Number(plain.headers["content-length"])).toBe(plain.body.byteLength);
      const document = JSON.parse(plain.body.toString("utf8")) as Record<string, unknown>;
      expect(plain.status === 200 ? document["data"] : document["error"]).toBeDefined();

      const zipped = await ask(path, "gzip");
      expect(zipped.status).toBe(plain.status);
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.byteLength);
      const unzipped = zipped.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(zipped.body) : zipped.body;
      if (plain.body.byteLength >= 1024) expect(zipped.headers["content-encoding"]).toBe("gzip");
      const again = JSON.parse(unzipped.toString("utf8")) as Record<string, unknown>;
      // The error's request id differs between the two answers; everything else is the same.
      expect(plain.status === 200 ? again : { ...again, error: { ...(again["error"] as object), requestId: null } }).toEqual(
        plain.status === 200 ? document : { ...document, error: { ...(document["error"] as object), requestId: null } },
      );
    }
  });

  test("a cookie-signed write from another hospital's page is refused with 403 and changes nothing; a form body gets 415", async ({
    request,
  }) => {
    const cookie = sessionCookieFrom(PERSONAS.admin.storageState);
    const url = `http://127.0.0.1:${E2E_PORT}/api/v1/patients`;
    const body = JSON.stringify({ firstName: "Cross", lastName: "Origin", dateOfBirth: "1980-01-01" });
    const before = await api.json<{ data: unknown[] }>(hostOf(METRO), "/api/v1/patients?q=Origin");
    const attempts: Record<string, string>[] = [
      { origin: `http://${hostOf(SUNSET)}` },
      { origin: `http://${EVIL}` },
      { "sec-fetch-site": "same-site" },
    ];
    for (const extra of attempts) {
      const reply = await request.post(url, {
        headers: { host: hostOf(METRO), cookie, "content-type": "application/json", ...extra },
        data: body,
        failOnStatusCode: false,
      });
      await expectApiError(reply, 403, "forbidden:cross_origin");
    }
    const form = await request.post(url, {
      headers: { host: hostOf(METRO), cookie, origin: `http://${hostOf(METRO)}`, "content-type": "text/plain" },
      data: body,
      failOnStatusCode: false,
    });
    await expectApiError(form, 415, "unsupported_media_type");
    expect(await api.json<{ data: unknown[] }>(hostOf(METRO), "/api/v1/patients?q=Origin")).toEqual(before);
  });

  test("two Host headers, or an absolute target naming another host, get 400 before the app", async () => {
    const twoHosts = await rawRequest(["GET /api/health HTTP/1.1", `Host: ${hostOf(METRO)}`, `Host: ${EVIL}`, "Connection: close"]);
    expect(twoHosts).toMatch(/^HTTP\/1\.1 400/);
    const absolute = await rawRequest([`GET http://${EVIL}/api/health HTTP/1.1`, `Host: ${hostOf(METRO)}`, "Connection: close"]);
    expect(absolute).toMatch(/^HTTP\/1\.1 400/);
    const fine = await rawRequest(["GET /api/health HTTP/1.1", `Host: ${ROOT}`, "Connection: close"]);
    expect(fine).toMatch(/^HTTP\/1\.1 200/);
  });

  test("the health check, which skips the tenant routing, still carries the security headers", async ({ request }) => {
    for (const host of [ROOT, hostOf(METRO)]) {
      const reply = await request.get(`http://127.0.0.1:${E2E_PORT}/api/health`, { headers: { host } });
      expect(reply.status()).toBe(200);
      expect(await reply.json()).toEqual({ status: "ok", database: "ok" });
      const headers = reply.headers();
      expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      expect(headers["cache-control"]).toContain("no-store");
      expect(headers["x-request-id"]).toBeTruthy();
    }
  });

  test("no redirect goes to the host a request claims: hand-off, sign-in callback, sign-out", async ({ request }) => {
    const locations: string[] = [];
    const probe = async (host: string, path: string, method: "get" | "post" = "get", form?: Record<string, string>) => {
      const reply = await request[method](`http://127.0.0.1:${E2E_PORT}${path}`, {
        headers: { host },
        ...(form ? { form } : {}),
        maxRedirects: 0,
        failOnStatusCode: false,
      });
      const location = reply.headers()["location"];
      if (location) locations.push(location);
      return reply;
    };
    await probe(EVIL, "/api/auth/handoff?token=nothing");
    await probe(hostOf(METRO), "/api/auth/handoff?token=nothing");
    await probe(hostOf(METRO), `/api/auth/signin?callbackUrl=${encodeURIComponent(`http://${EVIL}/x`)}`);
    await probe(hostOf(METRO), `/api/auth/signin?callbackUrl=${encodeURIComponent(`//${EVIL}/x`)}`);
    await probe(hostOf(METRO), `/api/auth/signin?callbackUrl=${encodeURIComponent(`http://${hostOf(SUNSET)}/dashboard`)}`);
    const csrf = (await (await request.get(`http://127.0.0.1:${E2E_PORT}/api/auth/csrf`, { headers: { host: EVIL } })).json()) as {
      csrfToken: string;
    };
    await probe(EVIL, "/api/auth/signout", "post", { csrfToken: csrf.csrfToken, callbackUrl: `http://${EVIL}/x`, json: "true" });
    expect(locations.length).toBeGreaterThan(0);
    for (const location of locations) {
      expect(location).not.toContain("evil.example");
      expect(location).not.toContain(SUNSET.slug);
    }
  });
});
