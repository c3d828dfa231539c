import crypto from "node:crypto";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { endAllSessions, endSession, sessionIsLive, startSession } from "@/lib/auth/sessions";
import { config } from "@/lib/config/env";
import { withPlatform } from "@/lib/db/tenant";
import { platformUsers } from "@/lib/users/platform-repository";
import { asOwner } from "./support/owner";

async function account() {
  const email = `sessions-${crypto.randomBytes(5).toString("hex")}@example.test`;
  return withPlatform((tx) => platformUsers(tx).create({ input: { email, name: "Session Tester" } }));
}

/** What getSession sees for a cookie carrying these claims: the user's id, or "" when signed out. */
async function sessionUserId(token: JWT): Promise<string> {
  const callback = authOptions().callbacks!.session!;
  const base = { user: { name: "x", email: "x@example.test" }, expires: new Date(Date.now() + 60_000).toISOString() } as Session;
  const session = (await callback({ session: base, token, user: undefined as never, newSession: undefined, trigger: "update" })) as Session;
  return session.user.id;
}

const minutes = (n: number) => n * 60_000;

describe("server-side sessions", () => {
  it("a cookie counts only while its session record is live, for the user it was made for", async () => {
    const user = await account();
    const other = await account();
    const sid = await startSession(user.id);
    expect(await sessionUserId({ uid: user.id, sid })).toBe(user.id);
    // No record id (a cookie from before records, or a forged one), an unknown id, another user's id.
    expect(await sessionUserId({ uid: user.id })).toBe("");
    expect(await sessionUserId({ uid: user.id, sid: crypto.randomUUID() })).toBe("");
    expect(await sessionUserId({ uid: other.id, sid })).toBe("");
    expect(await sessionUserId({ uid: user.id, sid: "not-a-uuid" })).toBe("");
  });

  it("signing out ends that session only", async () => {
    const user = await account();
    const here = await startSession(user.id);
    const there = await startSession(user.id);
    expect(await sessionIsLive(here, user.id)).toBe(true);
    await authOptions().events!.signOut!({ token: { uid: user.id, sid: here }, session: undefined as never });
    expect(await sessionUserId({ uid: user.id, sid: here })).toBe("");
    expect(await sessionUserId({ uid: user.id, sid: there })).toBe(user.id);
  });

  it("ending all sessions ends every browser at once, or all but the one that asked", async () => {
    const user = await account();
    const bystander = await account();
    const [a, b, c] = [await startSession(user.id), await startSession(user.id), await startSession(user.id)];
    const theirs = await startSession(bystander.id);
    // Warm the cache: revocation must drop it, not wait it out.
    for (const sid of [a, b, c]) expect(await sessionIsLive(sid, user.id)).toBe(true);

    expect(await endAllSessions(user.id, { exceptSessionId: a })).toBe(2);
    expect(await sessionIsLive(a, user.id)).toBe(true);
    expect(await sessionIsLive(b, user.id)).toBe(false);
    expect(await sessionIsLive(c, user.id)).toBe(false);

    expect(await endAllSessions(user.id)).toBe(1);
    expect(await sessionIsLive(a, user.id)).toBe(false);
    expect(await sessionIsLive(theirs, bystander.id)).toBe(true);
    const [row] = await asOwner(
      (sql) => sql<{ open: number }[]>`select count(*)::int as open from user_sessions where user_id = ${user.id} and revoked_at is null`,
    );
    expect(row!.open).toBe(0);
  });

  it("ends after the idle timeout, and activity keeps it open", async () => {
    const user = await account();
    const idle = config().sessionIdleMinutes;
    const t0 = new Date();
    const sid = await startSession(user.id, t0);
    expect(await sessionIsLive(sid, user.id, new Date(t0.getTime() + minutes(idle - 1)))).toBe(true);
    // That request was activity: the idle window now runs from it.
    expect(await sessionIsLive(sid, user.id, new Date(t0.getTime() + minutes(2 * idle - 2)))).toBe(true);
    expect(await sessionIsLive(sid, user.id, new Date(t0.getTime() + minutes(3 * idle)))).toBe(false);

    const quiet = await startSession(user.id, t0);
    expect(await sessionIsLive(quiet, user.id, new Date(t0.getTime() + minutes(idle) + 1000))).toBe(false);
  });

  it("writes activity at most once a minute", async () => {
    const user = await account();
    const t0 = new Date();
    const sid = await startSession(user.id, t0);
    const seen = async () =>
      (await asOwner((sql) => sql<{ at: Date }[]>`select last_seen_at as at from user_sessions where id = ${sid}`))[0]!.at.getTime();
    await sessionIsLive(sid, user.id, new Date(t0.getTime() + 30_000));
    expect(await seen()).toBe(t0.getTime());
    await sessionIsLive(sid, user.id, new Date(t0.getTime() + 61_000));
    expect(await seen()).toBe(t0.getTime() + 61_000);
  });

  it("ends at its absolute lifetime however active it is", async () => {
    const user = await account();
    const t0 = new Date();
    const sid = await startSession(user.id, t0);
    const lifetime = config().sessionMaxAgeHours * 3_600_000;
    const step = minutes(config().sessionIdleMinutes - 1);
    let at = t0.getTime();
    while (at + step < t0.getTime() + lifetime) {
      at += step;
      expect(await sessionIsLive(sid, user.id, new Date(at))).toBe(true);
    }
    expect(await sessionIsLive(sid, user.id, new Date(t0.getTime() + lifetime + 1000))).toBe(false);
  });

  it("signing out twice, or with a foreign or malformed id, changes nothing else", async () => {
    const user = await account();
    const sid = await startSession(user.id);
    await endSession("garbage");
    await endSession(crypto.randomUUID());
    await endSession(undefined);
    expect(await sessionIsLive(sid, user.id)).toBe(true);
    await endSession(sid);
    await endSession(sid);
    expect(await sessionIsLive(sid, user.id)).toBe(false);
  });
});
