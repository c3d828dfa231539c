import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Session } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import { cache } from "react";
import { requestCookies } from "@/lib/http/request-scope";
import { logger } from "@/lib/observability/logger";
import { sessionCookieName } from "./cookies";
import { authSecret, cookiesSecure } from "./secret";
import { liveUserOf } from "./sessions";

/**
 * Decoded session cookies, by a digest of the cookie. Decoding one costs a key derivation and an
 * AES-GCM decryption; a staff member's browser sends the same cookie with every request. Only the
 * signature and decryption are cached: expiry is checked on every use, and whether the server-side
 * session is still live (signed out, revoked, idle) is asked of sessionIsLive every time.
 */
const decoded = new LRUCache<string, JWT | false>({ max: 20_000, ttl: 5 * 60_000 });

/** The session cookie's value; next-auth splits a large one into `name.0`, `name.1`, … */
function sessionToken(all: { name: string; value: string }[], name: string): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value || null;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

async function decodeToken(token: string): Promise<JWT | null> {
  const key = createHash("sha256").update(token).digest("base64url");
  let payload = decoded.get(key);
  if (payload === undefined) {
    try {
      payload = (await decode({ token, secret: authSecret() })) ?? false;
    } catch {
      payload = false;
    }
    // A forged, tampered or foreign cookie is the client's problem: one warning line, no detail.
    if (!payload) logger.warn({ code: "JWT_SESSION_ERROR" }, "rejected session cookie");
    decoded.set(key, payload);
  }
  if (!payload) return null;
  if (typeof payload.exp === "number" && payload.exp * 1000 <= Date.now()) return null;
  return payload;
}

/**
 * The signed-in session, once per request: the session cookie's token (next-auth's encryption),
 * then the server-side session it names, which must still be live. A cookie whose session ended
 * (signed out elsewhere, password reset, idle, too old) is no session.
 */
export const getSession = cache(async (): Promise<Session | null> => {
  const token = sessionToken(await requestCookies(), sessionCookieName(cookiesSecure()));
  if (!token) return null;
  const payload = await decodeToken(token);
  const userId = payload ? await liveUserOf(payload) : null;
  if (!payload || !userId) return null;
  return {
    user: { id: userId, name: payload.name ?? null, email: payload.email ?? null, image: payload.picture ?? null },
    expires: new Date((typeof payload.exp === "number" ? payload.exp : 0) * 1000).toISOString(),
    activeOrganizationId: payload.activeOrganizationId ?? null,
    ssoOrganizationId: payload.ssoOrg ?? null,
  };
});
