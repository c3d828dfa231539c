import "server-only";
import { config } from "@/lib/config/env";
import crypto from "node:crypto";
import { withPlatform } from "@/lib/db/tenant";
import { platformUsers } from "@/lib/users/platform-repository";
import { getSession } from "./session";

/** `Authorization: Bearer <PLATFORM_ADMIN_TOKEN>` — compared in constant time; never true when the token is unset. */
export function isOperatorToken(authorization: string | null): boolean {
  const expected = config().platformAdminToken;
  if (!expected || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length).trim());
  const want = Buffer.from(expected);
  return given.length === want.length && crypto.timingSafeEqual(given, want);
}

/** A signed-in platform operator (users.is_platform_operator), or null. */
export async function currentOperator(): Promise<{ id: string; email: string; name: string } | null> {
  const session = await getSession();
  // A sign-in through an organization's single sign-on reaches that organization only.
  if (!session || session.ssoOrganizationId) return null;
  const user = await withPlatform((tx) => platformUsers(tx).findById({ id: session.user.id }));
  return user?.isPlatformOperator ? { id: user.id, email: user.email, name: user.name } : null;
}
