import "server-only";
import { encode } from "next-auth/jwt";
import { config } from "@/lib/config/env";
import { SESSION_MAX_AGE_SECONDS, sessionCookie } from "./cookies";
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
}: {
  user: { id: string; email: string; name: string };
  activeOrganizationId: string;
  onRootFamily: boolean;
}) {
  const value = await encode({
    token: { sub: user.id, uid: user.id, email: user.email, name: user.name, activeOrganizationId },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const cookie = sessionCookie({ rootDomain: config().rootDomain, secure: cookiesSecure() });
  const options = { ...cookie.options, maxAge: SESSION_MAX_AGE_SECONDS };
  if (!onRootFamily && "domain" in options) delete (options as { domain?: string }).domain;
  return { name: cookie.name, value, options };
}
