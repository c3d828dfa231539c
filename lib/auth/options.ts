import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { withPlatform } from "@/lib/db/tenant";
import { findOrganization } from "@/lib/organizations/lookup";
import { config, trustForwardedHostForAuth } from "@/lib/config/env";
import { platformUsers } from "@/lib/users/platform-repository";
import { clientIp } from "./client-ip";
import { sessionCookie } from "./cookies";
import { endSession, liveUserOf, sessionMaxAgeSeconds, startSession } from "./sessions";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { authSecret, cookiesSecure } from "./secret";
import { clearAccountFailures, recordSignInFailure, signInLockedUntil } from "./throttle";
import { normalizeHost } from "@/lib/tenancy/host";
import { safeRedirect } from "./redirect-target";
import { logger } from "@/lib/observability/logger";
import { hasMfa, signInSecondFactor } from "./mfa";
import { MFA_CODE_REQUIRED } from "./mfa-path";

trustForwardedHostForAuth();

export const THROTTLED_MESSAGE = "Too many sign-in attempts. Please wait 15 minutes and try again.";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
  organization: z.string().trim().max(253).optional(),
  // The authenticator code or a recovery code, on the second step for accounts with two-factor on.
  code: z.string().trim().max(64).optional(),
});

let dummyHash: Promise<string> | undefined;

async function activeOrganizationFor(userId: string, hint: string | undefined, host: string | null) {
  const memberships = await withPlatform((tx) => platformUsers(tx).listOwnMemberships({ userId }), { userId });
  if (hint) {
    const org = await findOrganization(hint, host);
    const match = org && memberships.find((m) => m.organizationId === org.id);
    if (match) return match.organizationId;
  }
  return memberships.length === 1 ? memberships[0]!.organizationId : null;
}

export async function authorizeCredentials(
  raw: Record<string, string> | undefined,
  headers: Record<string, string | string[] | undefined>,
) {
  const parsed = credentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) return null;
  const { email, password, organization, code } = parsed.data;
  const keys = { account: email, ip: clientIp(headers) };
  if (await signInLockedUntil(keys)) throw new Error(THROTTLED_MESSAGE);

  const user = await withPlatform((tx) => platformUsers(tx).findByEmail({ email }));
  // Same work whether or not the account exists, so timing does not reveal which e-mails exist.
  dummyHash ??= hashPassword("agentcare-timing-equaliser");
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !user.passwordHash || !ok) {
    await recordSignInFailure(keys);
    return null;
  }
  if (await hasMfa(user.id)) {
    // The password alone does not sign in: the form asks for a code and sends both again. A wrong
    // code answers exactly like a wrong password, and counts into the same throttle.
    if (!code) throw new Error(MFA_CODE_REQUIRED);
    const userAgent = headers["user-agent"];
    const request = { ip: keys.ip, userAgent: Array.isArray(userAgent) ? userAgent[0] : userAgent };
    if (!(await signInSecondFactor({ id: user.id, email: user.email }, code, request))) {
      await recordSignInFailure(keys);
      return null;
    }
  }
  await clearAccountFailures(email);
  const hostHeader = headers["x-forwarded-host"] ?? headers.host;
  const host = normalizeHost(Array.isArray(hostHeader) ? hostHeader[0] : hostHeader);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    activeOrganizationId: await activeOrganizationFor(user.id, organization, host),
  };
}

export function authOptions(): AuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
    jwt: { maxAge: sessionMaxAgeSeconds() },
    cookies: { sessionToken: sessionCookie({ rootDomain: config().rootDomain, secure: cookiesSecure() }) },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // A forged or expired cookie is the client's problem: one warning line, no stack trace.
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR") logger.warn({ code }, "rejected session cookie");
        else logger.error({ code, err: metadata }, "next-auth error");
      },
      warn(code) {
        logger.warn({ code }, "next-auth warning");
      },
      debug() {},
    },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
          organization: { label: "Organization", type: "text" },
          code: { label: "Authentication code", type: "text" },
        },
        authorize: (credentials, req) =>
          authorizeCredentials(credentials as Record<string, string> | undefined, (req?.headers ?? {}) as Record<string, string>),
      }),
    ],
    events: {
      async signOut({ token }) {
        await endSession(token?.sid);
      },
    },
    callbacks: {
      async jwt({ token, user, trigger, session }) {
        if (user) {
          token.uid = user.id;
          token.sid = await startSession(user.id);
          token.activeOrganizationId = user.activeOrganizationId ?? null;
        }
        if (trigger === "update" && token.uid && typeof session?.activeOrganizationId === "string") {
          // Only ever switch to an organization the user is an active member of.
          const userId = token.uid;
          const memberships = await withPlatform((tx) => platformUsers(tx).listOwnMemberships({ userId }), { userId });
          const confined = token.ssoOrg && token.ssoOrg !== session.activeOrganizationId;
          if (!confined && memberships.some((m) => m.organizationId === session.activeOrganizationId)) {
            token.activeOrganizationId = session.activeOrganizationId;
          }
        }
        return token;
      },
      async session({ session, token }) {
        // A cookie whose server-side session ended (signed out elsewhere, password reset, idle,
        // too old) carries no user: getSession treats it as signed out.
        session.user = { ...session.user, id: (await liveUserOf(token)) ?? "" };
        session.activeOrganizationId = token.activeOrganizationId ?? null;
        session.ssoOrganizationId = token.ssoOrg ?? null;
        return session;
      },
      // Never where the Host header says: only this organization's own hosts or the platform's root.
      redirect: ({ url, baseUrl }) => safeRedirect(url, baseUrl),
    },
  };
}
