import "server-only";
import { config } from "@/lib/config/env";

/** next-auth signs and encrypts the session JWT with this; npm start provides one if unset. */
export function authSecret(): string {
  const { authSecret: secret, production } = config();
  if (secret) return secret;
  if (!production) return "agentcare-development-secret-not-for-production-use";
  throw new Error("NEXTAUTH_SECRET must be set to at least 32 characters in production");
}

export function cookiesSecure(): boolean {
  return config().cookieSecure;
}
