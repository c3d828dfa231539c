import crypto from "node:crypto";
import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sessionCookieName } from "@/lib/auth/cookies";
import { authSecret, cookiesSecure } from "@/lib/auth/secret";
import { endSession, startSession } from "@/lib/auth/sessions";
import { withPlatform } from "@/lib/db/tenant";
import { platformUsers } from "@/lib/users/platform-repository";

// getSession reads the session cookie itself (next-auth's encrypted token), caches only the
// decryption, and asks the server-side session record on every use. Only the cookie jar is made
// up here; the token is encrypted with the real secret and the records live in the real database.

let jar: { name: string; value: string }[] = [];
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => jar, get: (name: string) => jar.find((c) => c.name === name) }),
  headers: async () => new Headers(),
}));

const { getSession } = await import("@/lib/auth/session");
const NAME = sessionCookieName(cookiesSecure());

async function account() {
  const email = `cookie-${crypto.randomBytes(5).toString("hex")}@example.test`;
  return withPlatform((tx) => platformUsers(tx).create({ input: { email, name: "Cookie Tester" } }));
}

async function tokenFor(claims: JWT, { maxAge = 3600, secret = authSecret() } = {}): Promise<string> {
  return encode({ token: claims, secret, maxAge });
}

/** A fresh request: getSession is memoised per request by React's cache, which tests do not have. */
async function sessionWith(cookies: { name: string; value: string }[]) {
  jar = cookies;
  return getSession();
}

describe("the session cookie", () => {
  beforeEach(() => {
    jar = [];
  });

  it("stands for its user while the server-side session is live, and not after it ends", async () => {
    const user = await account();
    const sid = await startSession(user.id);
    const token = await tokenFor({ uid: user.id, sid, email: user.email, name: "Cookie Tester", activeOrganizationId: null });
    const session = await sessionWith([{ name: NAME, value: token }]);
    expect(session?.user).toMatchObject({ id: user.id, email: user.email, name: "Cookie Tester" });
    expect(session?.activeOrganizationId).toBeNull();

    // The same cookie again (its decryption now cached) after signing out elsewhere: no session.
    await endSession(sid);
    expect(await sessionWith([{ name: NAME, value: token }])).toBeNull();
  });

  it("is refused when forged, tampered with, expired, or made with another secret", async () => {
    const user = await account();
    const sid = await startSession(user.id);
    const good = await tokenFor({ uid: user.id, sid });
    const tampered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    const expired = await tokenFor({ uid: user.id, sid }, { maxAge: -60 });
    const foreign = await tokenFor({ uid: user.id, sid }, { secret: crypto.randomBytes(32).toString("base64url") });
    for (const value of [tampered, expired, foreign, "not-a-token", ""]) {
      expect(await sessionWith([{ name: NAME, value }]), value.slice(0, 20)).toBeNull();
    }
    // A valid token under another cookie name is not the session cookie.
    expect(await sessionWith([{ name: `${NAME}-other`, value: good }])).toBeNull();
    expect(await sessionWith([{ name: NAME, value: good }])).not.toBeNull();
  });

  it("claims a user only together with a live session record of that user", async () => {
    const user = await account();
    const other = await account();
    const sid = await startSession(other.id);
    expect(await sessionWith([{ name: NAME, value: await tokenFor({ uid: user.id, sid }) }])).toBeNull();
    expect(await sessionWith([{ name: NAME, value: await tokenFor({ uid: user.id }) }])).toBeNull();
    expect(await sessionWith([{ name: NAME, value: await tokenFor({ uid: user.id, sid: crypto.randomUUID() }) }])).toBeNull();
  });

  it("reads a cookie split into chunks, in chunk order", async () => {
    const user = await account();
    const sid = await startSession(user.id);
    const token = await tokenFor({ uid: user.id, sid });
    const cut = Math.floor(token.length / 2);
    const session = await sessionWith([
      { name: `${NAME}.1`, value: token.slice(cut) },
      { name: `${NAME}.0`, value: token.slice(0, cut) },
    ]);
    expect(session?.user.id).toBe(user.id);
  });
});
