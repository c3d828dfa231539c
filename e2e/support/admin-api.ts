import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, type Browser } from "@playwright/test";
import { E2E_PORT, ROOT } from "./hosts";
import { StaffHeader, SignInPage } from "./pages";
import { clientAddress, expectStatus, send, type Reply } from "./public-client";
import { hostOf, tenantUrl } from "./tenants";

// What the administration specs share: the operator token and DNS stand-in the e2e server
// was started with (scripts/e2e-server.ts), one HTTP client for every kind of caller (operator
// token, session cookie, API key, nobody), an API sign-in, and organizations made to order.

/** PLATFORM_ADMIN_TOKEN as scripts/e2e-server.ts sets it. */
export const OPERATOR_TOKEN = process.env.PLATFORM_ADMIN_TOKEN ?? "e2e-platform-operator-token-0123456789";

/** The e2e server's DNS TXT stand-in (DNS_TXT_OVERRIDES_FILE), read by the domain verifier on every verify. */
export const DNS_OVERRIDES_FILE = process.env.DNS_TXT_OVERRIDES_FILE ?? path.join(os.tmpdir(), `agentcare-e2e-dns-${E2E_PORT}.json`);

/** The password every account these specs create uses. */
export const NEW_PASSWORD = "e2e-onboarding-password-1";

/** A short random tag: one run's slugs and e-mails never meet another's. */
export const tag = () => crypto.randomBytes(3).toString("hex");

/** A fresh, valid slug. */
export const uniqueSlug = (prefix: string) => `${prefix}-${tag()}`;

/** A fresh e-mail address. */
export const uniqueEmail = (who: string) => `${who}.${tag()}@example.com`;

/** The root domain as a host name without the port (organization_domains stores no port). */
export const ROOT_HOSTNAME = ROOT.split(":")[0]!;

/** A host name (no port) served on the e2e server's port, as a browser or curl would send it. */
export const onPort = (hostname: string) => `${hostname}:${E2E_PORT}`;

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * One caller of the API: every request goes to 127.0.0.1:{port} naming `host` in `Host:`, with this
 * caller's headers (a session cookie, an `Authorization`, an `X-Organization-ID`) and, when given,
 * from its own loopback source address (the self-service endpoints are rate-limited per address).
 */
export class Caller {
  constructor(
    readonly host: string = ROOT,
    readonly headers: Record<string, string> = {},
    readonly from?: string,
  ) {}

  /** The same caller on another host. */
  at(host: string): Caller {
    return new Caller(host, this.headers, this.from);
  }

  /** The same caller with more headers. */
  with(headers: Record<string, string>): Caller {
    return new Caller(this.host, { ...this.headers, ...headers }, this.from);
  }

  request<T = unknown>(method: Method, path: string, body?: unknown): Promise<Reply<T>> {
    return send<T>({ host: this.host, path, method, body, headers: this.headers, from: this.from });
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }

  post<T = unknown>(path: string, body: unknown = {}) {
    return this.request<T>("POST", path, body);
  }

  patch<T = unknown>(path: string, body: unknown = {}) {
    return this.request<T>("PATCH", path, body);
  }

  delete<T = unknown>(path: string) {
    return this.request<T>("DELETE", path);
  }

  /** GET that must answer 200; returns the JSON body. */
  async json<T>(path: string): Promise<T> {
    const reply = await this.get<T>(path);
    expectStatus(reply, 200, `GET ${path} on ${this.host}`);
    return reply.body;
  }
}

/** Nobody: no cookie, no token, from an address of its own. */
export const anonymous = (host: string = ROOT) => new Caller(host, {}, clientAddress());

/** The platform operator by PLATFORM_ADMIN_TOKEN. */
export const operator = (host: string = ROOT) => new Caller(host, { authorization: `Bearer ${OPERATOR_TOKEN}` });

/** A signed-in user by session cookie (`name=value`). */
export const withSession = (host: string, cookie: string) => new Caller(host, { cookie });

/** An organization API key. */
export const withApiKey = (host: string, key: string) => new Caller(host, { authorization: `Bearer ${key}` });

// ---- sign-in ----

function cookiesFrom(headers: http.IncomingHttpHeaders): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const line of headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar[pair!.slice(0, eq).trim()] = pair!.slice(eq + 1).trim();
  }
  return jar;
}

function formPost(
  host: string,
  path: string,
  form: Record<string, string>,
  cookie: string,
  toPort?: number,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const payload = new URLSearchParams(form).toString();
  const port = toPort ?? Number(host.split(":")[1] ?? 80);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path,
        agent: false,
        headers: {
          host,
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(Buffer.byteLength(payload)),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(60_000, () => request.destroy(new Error(`POST ${path} on ${host}: no answer`)));
    request.write(payload);
    request.end();
  });
}

/**
 * Signs in through next-auth's credentials endpoint on `host` (CSRF token first, as the form does)
 * and returns the session cookie as `name=value`; fails the test when no session comes back.
 */
export async function signInApi(host: string, email: string, password: string, port?: number): Promise<string> {
  const reply = await credentialsPost({ host, email, password, port });
  const session = sessionCookieOf(reply.headers);
  expect(session, `sign-in of ${email} on ${host}: ${reply.status} ${reply.text.slice(0, 300)}`).not.toBeNull();
  return session!;
}

/** The session cookie (`name=value`) a credentials answer set, if any. */
export function sessionCookieOf(headers: http.IncomingHttpHeaders): string | null {
  const session = Object.entries(cookiesFrom(headers)).find(([name, value]) => /^(__Secure-)?agentcare\.session$/.test(name) && value);
  return session ? `${session[0]}=${session[1]}` : null;
}

/**
 * One POST to next-auth's credentials endpoint (CSRF token fetched first, as the form does), with a
 * second-factor code when given; `port` (and `csrfPort`) pick the instance behind a load balancer.
 */
export async function credentialsPost({
  host,
  email,
  password,
  code,
  port,
  csrfPort,
}: {
  host: string;
  email: string;
  password: string;
  code?: string;
  port?: number;
  csrfPort?: number;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const csrf = await send<{ csrfToken: string }>({ host, path: "/api/auth/csrf", port: csrfPort ?? port });
  expectStatus(csrf, 200, `GET /api/auth/csrf on ${host}`);
  const jar = cookiesFrom(csrf.headers);
  const cookie = Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  return formPost(
    host,
    "/api/auth/callback/credentials",
    { csrfToken: csrf.body.csrfToken, email, password, ...(code ? { code } : {}), callbackUrl: `http://${host}/dashboard`, json: "true" },
    cookie,
    port,
  );
}

/**
 * Signs in through the branded form on the organization's own host, in a fresh browser context,
 * and expects the staff dashboard with the organization's name in the header. Returns the session
 * cookie the browser got (`name=value`).
 */
export async function signInWithForm(
  browser: Browser,
  slug: string,
  email: string,
  password: string,
  organizationName: string,
): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const form = new SignInPage(page);
    await form.goto(slug);
    await form.signIn(email, password);
    await page.waitForURL(tenantUrl(slug, "/dashboard"));
    const header = new StaffHeader(page);
    await expect(header.banner).toBeVisible();
    await header.expectOrganization(organizationName);
    const cookie = (await context.cookies()).find((c) => /^(__Secure-)?agentcare\.session$/.test(c.name));
    expect(cookie, "session cookie after the form's sign-in").toBeDefined();
    return `${cookie!.name}=${cookie!.value}`;
  } finally {
    await context.close();
  }
}

// ---- organizations made to order ----

export type OrganizationJson = {
  id: string;
  name: string;
  slug: string;
  type: string;
  address: Record<string, string>;
  contactInfo: Record<string, string>;
  timeZone: string;
  plan: "basic" | "professional" | "enterprise";
  status: string;
  domain: string;
};
export type Created = { data: OrganizationJson; ownerClaimUrl?: string };

export type NewOrganization = OrganizationJson & { host: string; owner: { email: string; cookie: string; api: Caller } };

/**
 * An organization created by the operator token with an owner account, the owner signed in
 * through the API. `plan` defaults to the product's default (basic).
 */
export async function organizationWithOwner({
  prefix,
  plan,
  name,
}: {
  prefix: string;
  plan?: "basic" | "professional" | "enterprise";
  name?: string;
}): Promise<NewOrganization> {
  const slug = uniqueSlug(prefix);
  const email = uniqueEmail(`owner-${prefix}`);
  const reply = await operator().post<Created>("/api/v1/organizations", {
    name: name ?? `E2E ${prefix} ${slug}`,
    slug,
    ...(plan ? { plan } : {}),
    owner: { email, name: "E2E Owner", password: NEW_PASSWORD },
  });
  expectStatus(reply, 201, `operator creates ${slug}`);
  const host = hostOf(slug);
  const cookie = await signInApi(host, email, NEW_PASSWORD);
  return { ...reply.body.data, host, owner: { email, cookie, api: withSession(host, cookie) } };
}

// ---- DNS TXT stand-in ----

/** Writes (or replaces) TXT records in the server's overrides file. */
export function writeTxtRecords(records: Record<string, string[]>): void {
  let current: Record<string, string[]> = {};
  try {
    current = JSON.parse(fs.readFileSync(DNS_OVERRIDES_FILE, "utf8")) as Record<string, string[]>;
  } catch {
    current = {};
  }
  fs.writeFileSync(DNS_OVERRIDES_FILE, JSON.stringify({ ...current, ...records }, null, 2));
}

/** The last path segment of an invitation link (`…/invitations/{token}`). */
export function invitationToken(url: string): string {
  const match = /\/invitations\/([A-Za-z0-9_-]+)$/.exec(new URL(url).pathname);
  expect(match, `invitation link ${url}`).not.toBeNull();
  return match![1]!;
}

export { ROOT, hostOf };
