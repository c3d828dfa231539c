import "server-only";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config/env";
import { sessionCookie } from "./cookies";
import { sessionMaxAgeSeconds, startSession, type SsoSignIn } from "./sessions";
import { authSecret, cookiesSecure } from "./secret";

/**
 * A next-auth session cookie for a host the shared cookie cannot reach (after a hand-off). Same
 * secret and claims as a normal sign-in; host-only there, because the domain attribute would not
 * match that host.
 */
export async function mintSessionCookie({
  user,
  activeOrganizationId,
  onRootFamily,
  sso,
}: {
  user: { id: string; email: string; name: string };
  activeOrganizationId: string;
  onRootFamily: boolean;
  /** A sign-in through the organization's single sign-on: the session reaches that organization only. */
  sso?: SsoSignIn;
}) {
  const maxAge = sessionMaxAgeSeconds();
  const sid = await startSession(user.id, new Date(), sso);
  const value = await encode({
    token: {
      sub: user.id,
      uid: user.id,
      sid,
      email: user.email,
      name: user.name,
      activeOrganizationId,
      ...(sso ? { ssoOrg: sso.organizationId } : {}),
    },
    secret: authSecret(),
    maxAge,
  });
  const cookie = sessionCookie({ rootDomain: config().rootDomain, secure: cookiesSecure() });
  const options = { ...cookie.options, maxAge };
  if (!onRootFamily && "domain" in options) delete (options as { domain?: string }).domain;
  return { name: cookie.name, value, options };
}
