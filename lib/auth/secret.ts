import "server-only";

/** next-auth signs and encrypts the session JWT with this; npm start provides one if unset. */
export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (secret && secret.length >= 32) return secret;
  if (process.env.NODE_ENV !== "production" && !secret) return "agentcare-development-secret-not-for-production-use";
  throw new Error("NEXTAUTH_SECRET must be set to at least 32 characters");
}

export function cookiesSecure(): boolean {
  if (process.env.COOKIE_SECURE) return process.env.COOKIE_SECURE === "true";
  return (process.env.PUBLIC_URL_SCHEME ?? "http") === "https";
}
