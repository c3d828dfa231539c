// Single sign-on per organization against a real OpenID provider (oidc-provider) started here:
// set-up over REST (the issuer's configuration read first, the secret never shown), the whole
// authorization-code flow with PKCE through the provider's own login and consent pages, just-in-time
// accounts and memberships, sessions confined to the organization, "SSO required", back-channel
// logout with the provider's signed token, and the attacks: a wrong issuer, a foreign or
// unverified e-mail, a replayed or cross-provider answer, another hospital's admin and key.
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import type { Session } from "next-auth";
import { decode } from "next-auth/jwt";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { authSecret } from "@/lib/auth/secret";
import { reloadConfig } from "@/lib/config/env";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { membershipsRepo } from "@/lib/memberships/repository";
import { platformUsers } from "@/lib/users/platform-repository";
import { actionAttacks, twoHospitals, type Hospitals } from "./support/action-attacks";
import { asOwner } from "./support/owner";
import { arriveAs, fingerprint, person } from "./support/request-context";
import { callerAddress, callRoute } from "./support/route-call";

vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeaders);
vi.mock("@/lib/auth/session", async () => (await import("./support/request-context")).sessionModule);

const settingsRoute = await import("@/app/api/v1/settings/sso/route");
const startRoute = await import("@/app/api/v1/public/sso/start/route");
const callbackRoute = await import("@/app/api/v1/public/sso/callback/route");
const logoutRoute = await import("@/app/api/v1/public/sso/logout/route");
const providersRoute = await import("@/app/api/v1/providers/route");
const actions = await import("@/app/org/[org]/(staff)/settings/sso/actions");
const switchRoute = await import("@/app/api/auth/switch/route");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const P = (p: Record<string, string> = {}) => ({ params: Promise.resolve(p) });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

type Account = { email: string; emailVerified: boolean; name: string };

/** An OpenID provider on a free local port, its accounts chosen by the test, signing with a key the test holds. */
async function openIdProvider(clients: { id: string; secret: string; redirect: string }[], issuerOverride?: string) {
  const accounts = new Map<string, Account>();
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: crypto.randomUUID(), alg: "RS256", use: "sig" };
  const server = (await import("node:http")).createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuerOverride ?? issuer, {
    clients: clients.map((c) => ({
      client_id: c.id,
      client_secret: c.secret,
      redirect_uris: [c.redirect],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: ["sso-test-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }),
      };
    },
  });
  const handle = provider.callback();
  server.on("request", (req, res) => void handle(req, res));
  return {
    issuer,
    signingKey,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies for one origin, enough for the provider's interaction pages. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Signs in at the provider as `login` (its login page, then consent) and returns where it sends the browser back. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response);
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("location")!, url);
      if (next.pathname.endsWith("/api/v1/public/sso/callback")) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page from the provider (${response.status})`);
    const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt };
    const posted = await fetch(new URL(action.replaceAll("&amp;", "&"), url), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    jar.take(posted);
    url = new URL(posted.headers.get("location")!, url);
    if (url.pathname.endsWith("/api/v1/public/sso/callback")) return url;
  }
  throw new Error("the provider never sent the browser back");
}

let ip = 0;
async function call(
  host: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  run: (req: Request) => Promise<Response>,
  body?: unknown,
) {
  ip += 1;
  const answer = await callRoute({ host, method, path, from: callerAddress("10.71", ip), headers, body, run });
  let json: Any = null;
  try {
    json = answer.text ? JSON.parse(answer.text) : null;
  } catch {
    json = null;
  }
  return { status: answer.status, body: json, location: answer.headers.get("location"), cookies: answer.headers.getSetCookie() };
}

const cookieValue = (cookies: string[], name: string) =>
  cookies
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0]!
    .slice(name.length + 1) ?? null;

let h: Hospitals;
let idp: Awaited<ReturnType<typeof openIdProvider>>;
let otherIdp: Awaited<ReturnType<typeof openIdProvider>>;
let adminKeyA: string;
let adminKeyB: string;
let staffKeyA: string;
const CLIENT = { id: "agentcare-a", secret: `secret-${crypto.randomBytes(12).toString("hex")}` };

const redirectFor = (slug: string) => `http://${slug}.localhost/api/v1/public/sso/callback`;
const settings = (overrides: Record<string, unknown> = {}) => ({
  issuer: idp.issuer,
  clientId: CLIENT.id,
  clientSecret: CLIENT.secret,
  allowedDomains: ["metro-sso.test"],
  defaultRole: "clinician",
  required: false,
  enabled: true,
  ...overrides,
});
const putSettings = (host: string, key: string, body: unknown) =>
  call(host, "PUT", "/api/v1/settings/sso", bearer(key), (r) => settingsRoute.PUT(r, P()), body);

/** The whole sign-in as a browser would: start on the hospital's site, the provider's pages, back to the callback. */
async function signIn(host: string, login: string, next = "/schedule") {
  const started = await call(host, "GET", `/api/v1/public/sso/start?next=${encodeURIComponent(next)}`, {}, (r) => startRoute.GET(r, P()));
  expect(started.status).toBe(303);
  const flow = cookieValue(started.cookies, "agentcare.sso");
  const back = await signInAtProvider(started.location!, login);
  const finished = await call(host, "GET", `${back.pathname}${back.search}`, flow ? { cookie: `agentcare.sso=${flow}` } : {}, (r) =>
    callbackRoute.GET(r, P()),
  );
  return { started, back, flow, finished };
}

/** The session a finished sign-in set, as getSession would read it. */
async function sessionFrom(cookies: string[]): Promise<Session & { sid: string }> {
  const raw = cookies.find((c) => c.startsWith("agentcare.session=") || c.startsWith("__Secure-agentcare.session="))!;
  const value = raw.split(";")[0]!.split("=").slice(1).join("=");
  const token = (await decode({ token: value, secret: authSecret() }))!;
  return {
    user: { id: token.uid!, email: token.email ?? null, name: token.name ?? null },
    expires: new Date(Date.now() + 3_600_000).toISOString(),
    activeOrganizationId: token.activeOrganizationId ?? null,
    ssoOrganizationId: token.ssoOrg ?? null,
    sid: token.sid!,
  };
}

async function asSession(host: string, session: Session | null, run: (req: Request) => Promise<Response>, path = "/api/v1/providers") {
  ip += 1;
  const answer = await callRoute({ host, path, from: callerAddress("10.72", ip), session, run });
  return { status: answer.status, body: JSON.parse(answer.text) as Any };
}

beforeAll(async () => {
  process.env.SSO_ALLOW_PRIVATE_ISSUERS = "true";
  reloadConfig();
  h = await twoHospitals("sso");
  idp = await openIdProvider([{ ...CLIENT, redirect: redirectFor(h.a.slug) }]);
  otherIdp = await openIdProvider([{ ...CLIENT, redirect: redirectFor(h.a.slug) }]);
  const key = (orgId: string, role: "admin" | "staff") =>
    withTenant(orgId, (tx) => createApiKey(tx, orgId, { name: `sso-${role}`, role, createdBy: null })).then((k) => k.token);
  adminKeyA = await key(h.a.orgId, "admin");
  adminKeyB = await key(h.b.orgId, "admin");
  staffKeyA = await key(h.a.orgId, "staff");
  for (const k of [adminKeyA, adminKeyB, staffKeyA]) {
    await call(h.a.host, "GET", "/api/v1/settings/sso", bearer(k), (r) => settingsRoute.GET(r, P()));
  }
});

afterAll(async () => {
  await idp?.close();
  await otherIdp?.close();
  delete process.env.SSO_ALLOW_PRIVATE_ISSUERS;
  reloadConfig();
});

describe("setting up single sign-on", () => {
  it("an admin saves the set-up once the issuer answers; the secret is never shown again", async () => {
    const saved = await putSettings(h.a.host, adminKeyA, settings());
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      issuer: idp.issuer,
      clientId: CLIENT.id,
      clientSecretSet: true,
      allowedDomains: ["metro-sso.test"],
      redirectUri: redirectFor(h.a.slug),
    });
    const read = await call(h.a.host, "GET", "/api/v1/settings/sso", bearer(adminKeyA), (r) => settingsRoute.GET(r, P()));
    expect(JSON.stringify(read.body)).not.toContain(CLIENT.secret);
    const [row] = await asOwner(
      (s) =>
        s<{ client_secret_encrypted: string }[]>`select client_secret_encrypted from organization_sso where organization_id = ${h.a.orgId}`,
    );
    expect(row!.client_secret_encrypted).not.toContain(CLIENT.secret);
    // Saved again without the secret: the kept one stays.
    expect((await putSettings(h.a.host, adminKeyA, settings({ clientSecret: undefined }))).status).toBe(200);
  });

  it("an issuer that does not answer, names another issuer, is not https, or is private without the test flag is refused; nothing is saved", async () => {
    const before = await fingerprint(h.b.orgId);
    const wrongIssuer = await openIdProvider([], "https://idp.elsewhere.example");
    try {
      for (const body of [
        settings({ issuer: wrongIssuer.issuer }),
        settings({ issuer: "http://127.0.0.1:1" }),
        settings({ issuer: "not a url" }),
        settings({ issuer: "http://user:pass@idp.example.com" }),
        settings({ allowedDomains: [] }),
        settings({ allowedDomains: ["@metro.org"] }),
        settings({ defaultRole: "owner" }),
        settings({ required: true, enabled: false }),
        settings({ clientSecret: undefined }),
      ]) {
        const answer = await putSettings(h.b.host, adminKeyB, body);
        expect(answer.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      }
      process.env.SSO_ALLOW_PRIVATE_ISSUERS = "false";
      reloadConfig();
      const privateIssuer = await putSettings(h.b.host, adminKeyB, settings());
      expect(privateIssuer.status).toBe(400);
      expect(privateIssuer.body.error.fieldErrors.issuer[0]).toMatch(/https|private|reachable/);
    } finally {
      process.env.SSO_ALLOW_PRIVATE_ISSUERS = "true";
      reloadConfig();
      await wrongIssuer.close();
    }
    expect(await fingerprint(h.b.orgId)).toBe(before);
  });

  it("another hospital's admin key, a staff key and nobody cannot read, change or remove it", async () => {
    const before = await fingerprint(h.a.orgId);
    expect((await call(h.a.host, "GET", "/api/v1/settings/sso", bearer(adminKeyB), (r) => settingsRoute.GET(r, P()))).status).toBe(403);
    expect((await putSettings(h.a.host, adminKeyB, settings({ allowedDomains: ["evil.test"] }))).status).toBe(403);
    expect((await call(h.a.host, "DELETE", "/api/v1/settings/sso", bearer(adminKeyB), (r) => settingsRoute.DELETE(r, P()))).status).toBe(
      403,
    );
    expect((await call(h.a.host, "GET", "/api/v1/settings/sso", bearer(staffKeyA), (r) => settingsRoute.GET(r, P()))).status).toBe(403);
    expect((await putSettings(h.a.host, staffKeyA, settings({ allowedDomains: ["evil.test"] }))).status).toBe(403);
    expect((await call(h.a.host, "GET", "/api/v1/settings/sso", {}, (r) => settingsRoute.GET(r, P()))).status).toBe(401);
    // B's own set-up is B's: none of A's.
    const own = await call(h.b.host, "GET", "/api/v1/settings/sso", bearer(adminKeyB), (r) => settingsRoute.GET(r, P()));
    expect(own.body.data).toBeNull();
    expect(await fingerprint(h.a.orgId)).toBe(before);
  });
});

describe("signing in through the organization's provider", () => {
  it("a new person with a verified address in an allowed domain gets an account without a password, the default role, and a session for this hospital only", async () => {
    const email = `nurse.${crypto.randomBytes(3).toString("hex")}@metro-sso.test`;
    idp.accounts.set("nurse-1", { email, emailVerified: true, name: "Nora Nurse" });
    const { finished } = await signIn(h.a.host, "nurse-1", "/schedule?view=week");
    expect(finished.status).toBe(303);
    expect(finished.location).toBe(`http://${h.a.slug}.localhost/schedule?view=week`);
    const session = await sessionFrom(finished.cookies);
    expect(session.ssoOrganizationId).toBe(h.a.orgId);
    const user = await withPlatform((tx) => platformUsers(tx).findByEmail({ email }));
    expect(user).toMatchObject({ name: "Nora Nurse", passwordHash: null });
    const [membership] = await asOwner(
      (s) => s<{ role: string }[]>`select role::text from memberships where organization_id = ${h.a.orgId} and user_id = ${user!.id}`,
    );
    expect(membership!.role).toBe("clinician");
    const [row] = await asOwner(
      (s) =>
        s<
          { sso_organization_id: string; sso_subject: string }[]
        >`select sso_organization_id, sso_subject from user_sessions where id = ${session.sid}`,
    );
    expect(row).toMatchObject({ sso_organization_id: h.a.orgId, sso_subject: "nurse-1" });
    expect((await asSession(h.a.host, session, (r) => providersRoute.GET(r, P()))).status).toBe(200);
  });

  it("an existing member of B who signs in through A's provider joins A; that session does not reach B", async () => {
    const email = `both.${crypto.randomBytes(3).toString("hex")}@metro-sso.test`;
    const user = await withPlatform((tx) => platformUsers(tx).create({ input: { email, name: "Both Places" } }));
    await withTenant(h.b.orgId, (tx) => membershipsRepo(tx, h.b.orgId).add({ userId: user.id, role: "admin" }));
    idp.accounts.set("both-1", { email, emailVerified: true, name: "Both Places" });
    const { finished } = await signIn(h.a.host, "both-1");
    const session = await sessionFrom(finished.cookies);
    expect(session.user.id).toBe(user.id);
    expect((await asSession(h.a.host, session, (r) => providersRoute.GET(r, P()))).status).toBe(200);
    const refused = await asSession(h.b.host, session, (r) => providersRoute.GET(r, P()));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden:not_a_member");
    // Nor can the org switcher carry it there.
    ip += 1;
    const headers = { "content-type": "application/json", "x-forwarded-for": `10.74.0.${ip % 250}`, origin: `http://${h.a.host}` };
    arriveAs({ host: h.a.host, path: "/api/auth/switch", session, headers });
    const switched = await switchRoute.POST(
      new Request(`http://${h.a.host}/api/auth/switch`, { method: "POST", headers, body: JSON.stringify({ organizationId: h.b.orgId }) }),
      P(),
    );
    expect(switched.status).toBe(403);
    expect(((await switched.json()) as Any).error.message).toMatch(/single sign-on/);
    // The same person signed in with a password reaches B as before.
    const password = { ...session, ssoOrganizationId: null } as Session;
    expect((await asSession(h.b.host, password, (r) => providersRoute.GET(r, P()))).status).toBe(200);
  });

  it("a foreign domain, an unverified address, a flow cookie from elsewhere and a replayed answer are refused; no account or membership is made", async () => {
    const outsider = `someone.${crypto.randomBytes(3).toString("hex")}@gmail.test`;
    idp.accounts.set("outsider", { email: outsider, emailVerified: true, name: "Out Sider" });
    const foreign = await signIn(h.a.host, "outsider");
    expect(foreign.finished.status).toBe(303);
    expect(foreign.finished.location).toBe("/sign-in?error=sso_domain");
    expect(foreign.finished.cookies.some((c) => c.includes("agentcare.session="))).toBe(false);

    const unverified = `unverified.${crypto.randomBytes(3).toString("hex")}@metro-sso.test`;
    idp.accounts.set("unverified", { email: unverified, emailVerified: false, name: "Un Verified" });
    expect((await signIn(h.a.host, "unverified")).finished.location).toBe("/sign-in?error=sso_unverified");
    for (const email of [outsider, unverified]) {
      expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email }))).toBeUndefined();
    }
    const events = await asOwner(
      (s) =>
        s<
          { kind: string }[]
        >`select kind from security_events where attempted_organization_id = ${h.a.orgId} and kind = 'sso_sign_in_refused'`,
    );
    expect(events.length).toBeGreaterThanOrEqual(2);

    // The provider's answer without the browser's flow cookie, or replayed after use.
    const email = `replay.${crypto.randomBytes(3).toString("hex")}@metro-sso.test`;
    idp.accounts.set("replay", { email, emailVerified: true, name: "Re Play" });
    const first = await signIn(h.a.host, "replay");
    expect(first.finished.status).toBe(303);
    expect(first.finished.location).not.toContain("error");
    const replayed = await call(
      h.a.host,
      "GET",
      `${first.back.pathname}${first.back.search}`,
      { cookie: `agentcare.sso=${first.flow}` },
      (r) => callbackRoute.GET(r, P()),
    );
    expect(replayed.location).toBe("/sign-in?error=sso_failed");
    const noCookie = await call(h.a.host, "GET", `${first.back.pathname}${first.back.search}`, {}, (r) => callbackRoute.GET(r, P()));
    expect(noCookie.location).toBe("/sign-in?error=sso_expired");
    // A's flow cookie finishing on B's host: it names another organization.
    const onB = await call(
      h.b.host,
      "GET",
      `/api/v1/public/sso/callback${first.back.search}`,
      { cookie: `agentcare.sso=${first.flow}` },
      (r) => callbackRoute.GET(r, P()),
    );
    expect(onB.location).toBe("/sign-in?error=sso_expired");
    expect(onB.cookies.some((c) => c.includes("agentcare.session="))).toBe(false);
  });

  it("an answer from another provider (the wrong issuer) is refused", async () => {
    const email = `wrong.${crypto.randomBytes(3).toString("hex")}@metro-sso.test`;
    otherIdp.accounts.set("wrong", { email, emailVerified: true, name: "Wrong Issuer" });
    const started = await call(h.a.host, "GET", "/api/v1/public/sso/start", {}, (r) => startRoute.GET(r, P()));
    const flow = cookieValue(started.cookies, "agentcare.sso");
    // The same request (state, nonce, PKCE challenge, client) sent to the other provider instead.
    const elsewhere = new URL(started.location!);
    const swapped = new URL(`${otherIdp.issuer}${elsewhere.pathname}${elsewhere.search}`);
    const back = await signInAtProvider(swapped.toString(), "wrong");
    expect(back.searchParams.get("iss")).toBe(otherIdp.issuer);
    const finished = await call(h.a.host, "GET", `${back.pathname}${back.search}`, { cookie: `agentcare.sso=${flow}` }, (r) =>
      callbackRoute.GET(r, P()),
    );
    expect(finished.location).toBe("/sign-in?error=sso_failed");
    expect(await withPlatform((tx) => platformUsers(tx).findByEmail({ email }))).toBeUndefined();
  });
});

describe("single sign-on required, and the provider ending sessions", () => {
  it("with SSO required, a member signed in with a password is refused (owners are not); through the provider they get in", async () => {
    expect((await putSettings(h.a.host, adminKeyA, settings({ clientSecret: undefined, required: true }))).status).toBe(200);
    const clinician = await person([{ orgId: h.a.orgId, role: "clinician" }], "pw-clinician");
    const owner = await person([{ orgId: h.a.orgId, role: "owner" }], "pw-owner");
    const refused = await asSession(h.a.host, clinician.session, (r) => providersRoute.GET(r, P()));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("sso_required");
    expect((await asSession(h.a.host, owner.session, (r) => providersRoute.GET(r, P()))).status).toBe(200);
    const viaProvider = { ...clinician.session, ssoOrganizationId: h.a.orgId } as Session;
    expect((await asSession(h.a.host, viaProvider, (r) => providersRoute.GET(r, P()))).status).toBe(200);
    expect((await putSettings(h.a.host, adminKeyA, settings({ clientSecret: undefined, required: false }))).status).toBe(200);
  });

  it("the provider's signed back-channel logout ends that session; a token with another key, audience or issuer is refused", async () => {
    const email = `logout.${crypto.randomBytes(3).toString("hex")}@metro-sso.test`;
    idp.accounts.set("logout-1", { email, emailVerified: true, name: "Log Out" });
    const session = await sessionFrom((await signIn(h.a.host, "logout-1")).finished.cookies);
    const live = async () =>
      (await asOwner((s) => s<{ revoked_at: Date | null }[]>`select revoked_at from user_sessions where id = ${session.sid}`))[0]!
        .revoked_at === null;
    expect(await live()).toBe(true);

    const { importJWK } = await import("jose");
    const idpKey = await importJWK(idp.signingKey, "RS256");
    const { privateKey: strangerKey } = await generateKeyPair("RS256");
    const token = (claims: Record<string, unknown>, key = idpKey, kid = idp.signingKey.kid!) =>
      new SignJWT({ events: { "http://schemas.openid.net/event/backchannel-logout": {} }, jti: crypto.randomUUID(), ...claims })
        .setProtectedHeader({ alg: "RS256", kid, typ: "logout+jwt" })
        .setIssuedAt()
        .setIssuer((claims.iss as string) ?? idp.issuer)
        .setAudience((claims.aud as string) ?? CLIENT.id)
        .setSubject("logout-1")
        .sign(key);
    const post = async (logoutToken: string, host = h.a.host) => {
      ip += 1;
      const headers = { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.73.0.${ip % 250}` };
      arriveAs({ host, path: "/api/v1/public/sso/logout", session: null, headers });
      const response = await logoutRoute.POST(
        new Request(`http://${host}/api/v1/public/sso/logout`, {
          method: "POST",
          headers,
          body: new URLSearchParams({ logout_token: logoutToken }).toString(),
        }),
        P(),
      );
      return response.status;
    };
    for (const bad of [
      await token({}, strangerKey as never, "stranger"),
      await token({ aud: "someone-else" }),
      await token({ iss: "https://idp.elsewhere.example" }),
      await token({ nonce: "n" }),
      "not.a.token",
      "",
    ]) {
      expect(await post(bad)).toBe(400);
    }
    expect(await post(await token({}), h.b.host)).toBe(400);
    expect(await live()).toBe(true);
    expect(await post(await token({}))).toBe(200);
    expect(await live()).toBe(false);
  });
});

describe("the Settings → Single sign-on actions, attacked", () => {
  const PAGE = "/settings/sso";
  const hospitals = () => h;
  actionAttacks("ssoSettingsAction", hospitals, {
    page: PAGE,
    valid: () => actions.ssoSettingsAction({}),
    invalid: () => actions.ssoSettingsAction({ everything: true } as never),
    allowed: "admin",
    refused: "clinician",
  });
  actionAttacks("saveSsoSettingsAction", hospitals, {
    page: PAGE,
    valid: () => actions.saveSsoSettingsAction(settings({ clientSecret: undefined }) as never),
    invalid: () => actions.saveSsoSettingsAction(settings({ issuer: "", allowedDomains: ["not a domain"], defaultRole: "owner" }) as never),
    allowed: "admin",
    refused: "staff",
  });
  actionAttacks("removeSsoSettingsAction", hospitals, {
    page: PAGE,
    valid: () => actions.removeSsoSettingsAction({}),
    invalid: () => actions.removeSsoSettingsAction({ id: "x" } as never),
    allowed: "admin",
    refused: "clinician",
  });
  it("the page's read names the addresses to register and never the secret", async () => {
    const admin = await h.memberOfA("admin");
    arriveAs({ host: h.a.host, path: PAGE, session: admin.session });
    const page = await actions.ssoSettingsAction({});
    expect(page).toMatchObject({ ok: true, data: { redirectUri: redirectFor(h.a.slug) } });
    expect(JSON.stringify(page)).not.toContain(CLIENT.secret);
  });
});
