// The page cache in front of the tenant home page, on a real HTTP server and the real organization
// caches: a copy is served only to an anonymous visitor on the same host, only while the
// organization, branding and settings it was rendered from are current, and always as a new
// response (its own nonce, request id and request line). The render here stands in for Next: it
// reads the same organization data and answers the way Next answers a page.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { findOrganization } from "@/lib/organizations/lookup";
import { publicFace } from "@/lib/organizations/public-face";
import { organizationRepo } from "@/lib/organizations/repository";
import { createPageCache, holdsServerCookie, pageCacheKey } from "@/lib/pipeline/page-cache";
import { capturedLines } from "./support/log-capture";
import { createOrganization } from "./support/fixtures";

type Org = Awaited<ReturnType<typeof createOrganization>>;
let A: Org;
let B: Org;
let server: http.Server;
let port: number;
/** Renders so far, by host. */
const renders: string[] = [];
/** What the next render does besides the page (a test's variation). */
let variation: { status?: number; setCookie?: boolean; showRequestId?: boolean; type?: string } = {};

async function renderPage(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const host = String(req.headers.host);
  renders.push(host);
  const slug = host.split(".")[0]!;
  const organization = await findOrganization(slug, host);
  const nonce = btoa(crypto.randomUUID());
  const requestId = crypto.randomUUID();
  res.statusCode = variation.status ?? (organization ? 200 : 404);
  res.setHeader("content-type", variation.type ?? "text/html; charset=utf-8");
  res.setHeader("content-security-policy", `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("x-request-id", requestId);
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("link", `</_next/static/css/app.css>; rel=preload; as="style"; nonce="${nonce}"`);
  res.setHeader("vary", "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch");
  res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  if (variation.setCookie) res.setHeader("set-cookie", "visited=1; Path=/; HttpOnly");
  if (!organization) return void res.end("<!DOCTYPE html><html><body>Not found</body></html>");
  const { branding } = await publicFace(organization.id);
  // Streamed in pieces, as Next streams a page; long enough to be compressed.
  res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}" src="/_next/static/chunks/main.js"></script></head>`);
  res.write(`<body><h1>${branding.displayName}</h1><p>${"Book an appointment online. ".repeat(60)}</p>`);
  if (variation.showRequestId) res.write(`<p>Reference ${requestId}</p>`);
  // What a visitor's own headers could make of a page, if they reached the render.
  for (const name of ["accept-language", "x-next-intl-locale", "x-custom", "cookie"]) {
    if (req.headers[name]) res.write(`<p>${name}: ${String(req.headers[name])}</p>`);
  }
  res.end(`<script nonce="${nonce}">self.__next_f.push([1,"${nonce}"])</script></body></html>`);
}

beforeAll(async () => {
  A = await createOrganization("cache-a");
  B = await createOrganization("cache-b");
  const pages = createPageCache();
  if (!pages) throw new Error("the page cache is on by default");
  server = http.createServer((req, res) => {
    // A visitor who has left before the page cache looks at the request.
    if (req.headers["x-test-leave"]) {
      res.once("close", () => void pages.handle(req, res, () => renderPage(req, res)));
      req.socket.destroy();
      return;
    }
    void pages.handle(req, res, () => renderPage(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function get(
  host: string,
  { path = "/", method = "GET", headers = {} }: { path?: string; method?: string; headers?: Record<string, string> } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers: { host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const hostOf = (org: Org) => `${org.slug}.localhost`;
const nonceOf = (reply: Reply) => /'nonce-([^']+)'/.exec(String(reply.headers["content-security-policy"]))![1]!;
/** The page with its nonce taken out: what every visitor must be shown alike. */
const withoutNonce = (reply: Reply) => reply.body.split(nonceOf(reply)).join("NONCE");
const rendersOf = (org: Org) => renders.filter((h) => h === hostOf(org)).length;

/** A settled cache: one render that was kept, so the next request is a copy. */
async function warm(org: Org): Promise<Reply> {
  await get(hostOf(org));
  // Keeping the copy happens once the render's response has closed.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return get(hostOf(org));
}

describe("the home page cache", () => {
  it("serves later anonymous visitors a copy: a new nonce everywhere the render had one, a new request id, the same page", async () => {
    const first = await get(hostOf(A));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = rendersOf(A);
    const second = await get(hostOf(A));
    const third = await get(hostOf(A));
    expect(rendersOf(A)).toBe(before);
    for (const reply of [first, second, third]) {
      expect(reply.status).toBe(200);
      expect(reply.body).toContain(`<h1>Test ${A.slug}</h1>`);
      // The nonce in the policy is the one on the page's scripts, and nothing else is left of another.
      expect(reply.body.split(nonceOf(reply)).length - 1).toBe(3);
      expect(reply.headers.link).toContain(`nonce="${nonceOf(reply)}"`);
    }
    expect(new Set([first, second, third].map(nonceOf)).size).toBe(3);
    expect(new Set([first, second, third].map((r) => r.headers["x-request-id"])).size).toBe(3);
    expect(withoutNonce(second)).toBe(withoutNonce(first));
    expect(second.headers["x-frame-options"]).toBe("DENY");
    expect(second.headers["cache-control"]).toContain("no-store");
    expect(second.headers["content-length"]).toBe(String(Buffer.byteLength(second.body)));
    // Each copy is a request of its own in the log, with its own id and the organization.
    const line = capturedLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === third.headers["x-request-id"]);
    expect(line).toMatchObject({ msg: "request", channel: "page", route: "/", status: 200, organizationId: A.id, pageCache: "hit" });
  });

  it("renders a kept page from the address alone: headers a visitor adds never reach a page others get", async () => {
    const org = await createOrganization("cache-h");
    const headers = { "accept-language": "es", "x-next-intl-locale": "es", "x-custom": "injected" };
    const first = await get(hostOf(org), { headers });
    expect(first.body).toContain(`<h1>Test ${org.slug}</h1>`);
    expect(first.body).not.toMatch(/accept-language|x-next-intl-locale|injected/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = rendersOf(org);
    const copy = await get(hostOf(org));
    expect(rendersOf(org)).toBe(before);
    expect(copy.body).not.toMatch(/accept-language|x-next-intl-locale|injected/);
  });

  it("keeps copying after a visitor leaves before the page is rendered", async () => {
    const org = await createOrganization("cache-l");
    await get(hostOf(org), { headers: { "x-test-leave": "1" } }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settled = await warm(org);
    expect(settled.body).toContain(`<h1>Test ${org.slug}</h1>`);
    const before = rendersOf(org);
    await get(hostOf(org));
    expect(rendersOf(org)).toBe(before);
  });

  it("compresses a copy for a client that accepts gzip", async () => {
    await warm(A);
    const before = rendersOf(A);
    const zipped = await get(hostOf(A), { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(rendersOf(A)).toBe(before);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body).toContain(`<h1>Test ${A.slug}</h1>`);
  });

  it("never serves one host's copy on another host, whatever X-Forwarded-Host says", async () => {
    await warm(A);
    const b = await get(hostOf(B), { headers: { "x-forwarded-host": hostOf(A) } });
    expect(b.body).toContain(`<h1>Test ${B.slug}</h1>`);
    expect(b.body).not.toContain(A.slug);
    const again = await get(hostOf(B));
    expect(again.body).toContain(`<h1>Test ${B.slug}</h1>`);
    expect(again.body).not.toContain(A.slug);
  });

  it("shows a branding change on the very next request", async () => {
    await warm(B);
    await withTenant(B.id, (tx) => organizationRepo(tx, B.id).updateBranding({ patch: { displayName: "Renamed Hospital" } }));
    const before = rendersOf(B);
    const next = await get(hostOf(B));
    expect(rendersOf(B)).toBe(before + 1);
    expect(next.body).toContain("<h1>Renamed Hospital</h1>");
    // Copies resume once the new branding is what the caches hold (after the invalidation's quiet time).
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const settled = await warm(B);
    expect(settled.body).toContain("<h1>Renamed Hospital</h1>");
    const count = rendersOf(B);
    expect((await get(hostOf(B))).body).toContain("<h1>Renamed Hospital</h1>");
    expect(rendersOf(B)).toBe(count);
  });

  it("gives a visitor whose cookies the server never reads the copy, and keeps a render made for one without them", async () => {
    const org = await createOrganization("cache-c");
    // A hospital's own analytics and consent cookies, from its parent domain.
    const cookie = "_ga=GA1.2.345.678; cookie_consent=yes; session_id=marketing";
    const first = await get(hostOf(org), { headers: { cookie } });
    expect(first.body).toContain(`<h1>Test ${org.slug}</h1>`);
    expect(first.body).not.toMatch(/cookie|_ga|consent|marketing/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = rendersOf(org);
    const copy = await get(hostOf(org), { headers: { cookie } });
    const anonymous = await get(hostOf(org));
    expect(rendersOf(org)).toBe(before);
    expect(withoutNonce(copy)).toBe(withoutNonce(anonymous));
    expect(nonceOf(copy)).not.toBe(nonceOf(anonymous));
  });

  it("renders for a visitor with cookies the server reads or credentials, a client navigation, a query, another path or method", async () => {
    await warm(A);
    const cases: Parameters<typeof get>[1][] = [
      { headers: { cookie: "agentcare.session=x" } },
      { headers: { cookie: "_ga=1; __Secure-agentcare.session.0=x" } },
      { headers: { cookie: "agentcare_language=es" } },
      { headers: { cookie: "agentcare.sso=x" } },
      { headers: { cookie: "__Host-next-auth.csrf-token=x" } },
      { headers: { cookie: "NEXT_LOCALE=es" } },
      { headers: { cookie: "__prerender_bypass=x" } },
      { headers: { cookie: "__next_preview_data=x" } },
      { headers: { authorization: "Bearer x" } },
      { headers: { rsc: "1" } },
      { headers: { "next-router-prefetch": "1" } },
      { path: "/?ref=mail" },
      { path: "/book" },
      { method: "HEAD" },
    ];
    for (const options of cases) {
      const before = rendersOf(A);
      await get(hostOf(A), options);
      expect(rendersOf(A), JSON.stringify(options)).toBe(before + 1);
    }
  });

  it("keeps nothing but a 200 HTML page without cookies and without its own request id", async () => {
    const variations: (typeof variation)[] = [{ status: 503 }, { setCookie: true }, { showRequestId: true }, { type: "application/json" }];
    for (const v of variations) {
      const org = await createOrganization("cache-v");
      variation = v;
      await get(hostOf(org));
      await new Promise((resolve) => setTimeout(resolve, 20));
      variation = {};
      const before = rendersOf(org);
      await get(hostOf(org));
      expect(rendersOf(org), JSON.stringify(v)).toBe(before + 1);
    }
  });

  it("leaves unknown hosts and the platform's own pages to the render", async () => {
    const unknown = await get("no-such-hospital.localhost");
    expect(unknown.status).toBe(404);
    expect(renders.filter((h) => h === "no-such-hospital.localhost")).toHaveLength(1);
    await get("no-such-hospital.localhost");
    expect(renders.filter((h) => h === "no-such-hospital.localhost")).toHaveLength(2);
    const settings = { trusted: false, rootDomain: "localhost", multiTenancy: true };
    expect(holdsServerCookie(undefined)).toBe(false);
    expect(holdsServerCookie("")).toBe(false);
    expect(holdsServerCookie("; =x; _ga")).toBe(false);
    expect(holdsServerCookie(["_ga=1", "AgentCare.Session=x"])).toBe(true);
    expect(pageCacheKey({ method: "GET", url: "/", headers: { host: "localhost" } }, settings)).toBeNull();
    expect(pageCacheKey({ method: "GET", url: "/", headers: { host: "a.b.localhost" } }, settings)).toBeNull();
    expect(pageCacheKey({ method: "GET", url: "/", headers: { host: `${A.slug}.localhost` } }, settings)?.tenantKey).toBe(A.slug);
    // A crawler gets its own copy: Next renders a page's metadata differently for crawlers.
    const browser = pageCacheKey({ method: "GET", url: "/", headers: { host: "x.localhost", "user-agent": "Mozilla/5.0" } }, settings);
    const crawler = pageCacheKey({ method: "GET", url: "/", headers: { host: "x.localhost", "user-agent": "Twitterbot/1.0" } }, settings);
    expect(browser?.key).not.toBe(crawler?.key);
  });
});
