import "server-only";
import { createRemoteJWKSet, customFetch as joseFetch, jwtVerify } from "jose";
import { decode, encode } from "next-auth/jwt";
import * as oidc from "openid-client";
import { organizationSiteUrl } from "@/lib/auth/links";
import { mintSessionCookie } from "@/lib/auth/mint-session";
import { cookieReachesHost } from "@/lib/auth/cookies";
import { safeNextPath } from "@/lib/auth/next-path";
import { authSecret, cookiesSecure } from "@/lib/auth/secret";
import { endSsoSessions } from "@/lib/auth/sessions";
import { assertCanAddUser } from "@/lib/billing/limits";
import { config } from "@/lib/config/env";
import type { Organization, OrganizationSso } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { logger } from "@/lib/observability/logger";
import { recordSecurityEvent } from "@/lib/security/events";
import { platformUsers } from "@/lib/users/platform-repository";
import { providerFetch } from "./fetch";
import { SSO_FAILURES, type SsoFailure } from "./messages";
import { discoverProvider } from "./provider";
import { organizationSsoRepo } from "./repository";
import { decryptClientSecret } from "./secret";
import { reasonOf, SSO_CALLBACK_PATH } from "./service";

// Sign-in through an organization's OpenID Connect provider: the authorization code flow with
// PKCE, state and nonce (kept in a short-lived encrypted cookie, so any instance can finish what
// another started); the ID token checked by openid-client (signature, issuer exactly as
// configured, audience, nonce, expiry); the e-mail must be verified by the provider and in one of
// the organization's domains. A person new to AgentCare gets an account without a password, and
// a membership with the organization's default role. The session this makes reaches that
// organization only: its provider vouched for the person there, and nowhere else.

export const SSO_FLOW_COOKIE = "agentcare.sso";
const FLOW_SECONDS = 600;

type Flow = { orgId: string; state: string; nonce: string; verifier: string; next: string | null };
type RequestInfo = { host: string | null; ip: string | null; userAgent: string | null; requestId: string; path: string | null };

/** A sign-in that did not complete, for a reason the sign-in page names in fixed words. */
export class SsoSignInError extends ValidationError {
  constructor(readonly reason: SsoFailure) {
    super(SSO_FAILURES[reason], undefined, "invalid:sso_sign_in");
  }
}

async function settingsOf(orgId: string): Promise<{ row: OrganizationSso; secret: string }> {
  const row = await withTenant(orgId, (tx) => organizationSsoRepo(tx, orgId).find());
  if (!row || !row.enabled) throw new SsoSignInError("unavailable");
  const secret = decryptClientSecret(orgId, row.clientSecretEncrypted);
  if (!secret) {
    logger.error({ organizationId: orgId }, "single sign-on client secret cannot be decrypted");
    throw new SsoSignInError("unavailable");
  }
  return { row, secret };
}

async function providerOf(orgId: string, row: OrganizationSso, secret: string): Promise<oidc.Configuration> {
  try {
    return await discoverProvider(orgId, { issuer: row.issuer, clientId: row.clientId, clientSecret: secret });
  } catch (err) {
    logger.warn({ organizationId: orgId, reason: reasonOf(err) }, "identity provider unreachable");
    throw new SsoSignInError("unavailable");
  }
}

const flowCookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: cookiesSecure(), path: "/", maxAge: FLOW_SECONDS });

/** Where to send the browser to sign in, and the cookie that lets the callback finish it. */
export async function startSsoSignIn(organization: Organization, next: string | null) {
  const { row, secret } = await settingsOf(organization.id);
  const provider = await providerOf(organization.id, row, secret);
  const verifier = oidc.randomPKCECodeVerifier();
  const flow: Flow = { orgId: organization.id, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, next };
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: organizationSiteUrl(organization.slug, SSO_CALLBACK_PATH),
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  const value = await encode({ token: flow, secret: authSecret(), salt: SSO_FLOW_COOKIE, maxAge: FLOW_SECONDS });
  return { url: url.toString(), cookie: { name: SSO_FLOW_COOKIE, value, options: flowCookieOptions() } };
}

async function readFlow(value: string | null, orgId: string): Promise<Flow> {
  let flow: Flow | null = null;
  if (value) {
    try {
      flow = (await decode({ token: value, secret: authSecret(), salt: SSO_FLOW_COOKIE })) as unknown as Flow | null;
    } catch {
      flow = null;
    }
  }
  if (!flow || flow.orgId !== orgId || typeof flow.state !== "string") {
    throw new SsoSignInError("expired");
  }
  return flow;
}

async function refuse(
  reason: SsoFailure,
  check: string,
  organization: Organization,
  request: RequestInfo,
  extra: Record<string, unknown> = {},
): Promise<never> {
  await recordSecurityEvent({
    kind: "sso_sign_in_refused",
    attemptedOrganizationId: organization.id,
    host: request.host,
    path: request.path,
    ip: request.ip,
    userAgent: request.userAgent,
    requestId: request.requestId,
    metadata: { check, ...extra },
  });
  throw new SsoSignInError(reason);
}

/**
 * The provider sent the browser back: check everything, then the person's account and membership,
 * and the session. Returns the session cookie and where to go.
 */
export async function finishSsoSignIn(organization: Organization, query: URLSearchParams, flowCookie: string | null, request: RequestInfo) {
  const flow = await readFlow(flowCookie, organization.id);
  const { row, secret } = await settingsOf(organization.id);
  if (query.get("error")) throw new SsoSignInError(query.get("error") === "access_denied" ? "cancelled" : "failed");
  const provider = await providerOf(organization.id, row, secret);
  const callback = new URL(organizationSiteUrl(organization.slug, SSO_CALLBACK_PATH));
  for (const [name, value] of query) callback.searchParams.append(name, value);
  let claims: oidc.IDToken | undefined;
  let profile: { email?: unknown; email_verified?: unknown; name?: unknown } = {};
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    profile = (claims ?? {}) as typeof profile;
    // Providers that keep the e-mail out of the ID token give it at the UserInfo endpoint, for the
    // same subject (checked by openid-client).
    if (claims && typeof claims.email !== "string" && tokens.access_token) {
      profile = { ...(await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub)), ...claims } as typeof profile;
    }
  } catch (err) {
    return refuse("failed", `response not verified: ${reasonOf(err)}`, organization, request);
  }
  if (!claims || claims.iss !== provider.serverMetadata().issuer) {
    return refuse("failed", "wrong issuer", organization, request);
  }
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || profile.email_verified !== true) {
    return refuse("unverified", "e-mail not verified", organization, request);
  }
  const domain = email.split("@")[1]!;
  if (!row.allowedDomains.includes(domain)) {
    return refuse("domain", "e-mail domain not allowed", organization, request, { domain });
  }
  const name = (typeof profile.name === "string" && profile.name.trim().slice(0, 200)) || email.split("@")[0]!;
  const user = await withPlatform(async (tx) => {
    const repo = platformUsers(tx);
    return (await repo.findByEmail({ email })) ?? (await repo.create({ input: { email, name, passwordHash: null } }));
  });
  await withTenant(organization.id, async (tx) => {
    const members = membershipsRepo(tx, organization.id);
    const access = await members.accessOf({ userId: user.id });
    if (access && access.status !== "active") throw new SsoSignInError("inactive");
    if (!access) {
      try {
        await assertCanAddUser(tx, organization.id);
      } catch {
        throw new SsoSignInError("full");
      }
      await members.add({ userId: user.id, role: row.defaultRole });
    }
  });
  const host = request.host ?? "";
  const session = await mintSessionCookie({
    user: { id: user.id, email: user.email, name: user.name },
    activeOrganizationId: organization.id,
    onRootFamily: cookieReachesHost(config().rootDomain, host),
    sso: {
      organizationId: organization.id,
      subject: claims.sub,
      sessionId: typeof claims.sid === "string" ? claims.sid.slice(0, 255) : null,
    },
  });
  const destination = safeNextPath(flow.next, "") ?? "/dashboard";
  return {
    session,
    location: organizationSiteUrl(organization.slug, destination),
    clearFlow: { name: SSO_FLOW_COOKIE, value: "", options: { ...flowCookieOptions(), maxAge: 0 } },
  };
}

const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/**
 * The provider's back-channel logout (OpenID Connect Back-Channel Logout 1.0): a logout token
 * signed with its keys, for this organization's client, naming a provider session or a subject.
 * The sessions it names end. Anything else is refused without detail.
 */
export async function ssoBackchannelLogout(organization: Organization, logoutToken: string): Promise<{ ended: number }> {
  const invalid = () => new ValidationError("The logout token is not valid.", undefined, "invalid:sso_sign_in");
  if (!logoutToken || logoutToken.length > 8192) throw invalid();
  const { row, secret } = await settingsOf(organization.id);
  const provider = await providerOf(organization.id, row, secret);
  const metadata = provider.serverMetadata();
  if (!metadata.jwks_uri) throw invalid();
  const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), {
    [joseFetch]: (url: string, options: { headers: Headers; method: string; redirect: "manual"; signal: AbortSignal }) =>
      providerFetch(config().ssoAllowPrivateIssuers)(url, options),
    timeoutDuration: 5_000,
  });
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(logoutToken, keys, {
      issuer: metadata.issuer,
      audience: row.clientId,
      maxTokenAge: "10m",
      typ: undefined,
    }));
  } catch {
    throw invalid();
  }
  const events = payload.events as Record<string, unknown> | undefined;
  if (!events || typeof events !== "object" || !(LOGOUT_EVENT in events) || "nonce" in payload) throw invalid();
  const subject = typeof payload.sub === "string" ? payload.sub : null;
  const sessionId = typeof payload.sid === "string" ? payload.sid : null;
  if (!subject && !sessionId) throw invalid();
  const ended = await endSsoSessions({ organizationId: organization.id, subject, sessionId });
  logger.info({ organizationId: organization.id, ended }, "single sign-on sessions ended by the identity provider");
  return { ended };
}
