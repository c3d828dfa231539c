import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { invalidate, invalidatePrefix, cached } from "@/lib/cache/memory";
import { platformKey } from "@/lib/cache/keys";
import { config } from "@/lib/config/env";
import { userSessions, type UserSession } from "@/lib/db/schema";
import { withPlatform } from "@/lib/db/tenant";

// Server-side session records. The session cookie (a next-auth JWT) carries the record's id; a
// request counts as signed in only while that record is live: not revoked, within its absolute
// lifetime (SESSION_MAX_AGE_HOURS from sign-in) and used within the idle window
// (SESSION_IDLE_MINUTES). The check is cached a few seconds per process and dropped on revocation
// here and, with REDIS_URL, on every other instance too, before the revoking request answers.

/** How long one process trusts a session record it has read. */
export const SESSION_CHECK_CACHE_MS = 5_000;
/** Activity is written back at most this often per session. */
export const LAST_SEEN_WRITE_MS = 60_000;

type Snapshot = Pick<UserSession, "userId" | "lastSeenAt" | "expiresAt" | "revokedAt">;

export function sessionMaxAgeSeconds(): number {
  return config().sessionMaxAgeHours * 3600;
}

function idleMs(): number {
  return config().sessionIdleMinutes * 60_000;
}

function cacheKey(userId: string, sessionId: string): string {
  return platformKey("user-session", userId, sessionId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who vouched for a sign-in through an organization's single sign-on (the session reaches that organization only). */
export type SsoSignIn = { organizationId: string; subject: string; sessionId: string | null };

/** A new live session for a user who has just proved who they are; returns its id. */
export async function startSession(userId: string, now = new Date(), sso?: SsoSignIn): Promise<string> {
  const [row] = await withPlatform((tx) =>
    tx
      .insert(userSessions)
      .values({
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + sessionMaxAgeSeconds() * 1000),
        ...(sso ? { ssoOrganizationId: sso.organizationId, ssoSubject: sso.subject, ssoSessionId: sso.sessionId } : {}),
      })
      .returning({ id: userSessions.id }),
  );
  return row!.id;
}

/**
 * Ends the sessions an organization's identity provider says are over (its back-channel logout):
 * those of its provider session id, or — when it names only the subject — every one of that
 * subject's sessions there. Each process notices within the session check's few seconds.
 */
export async function endSsoSessions({
  organizationId,
  subject,
  sessionId,
}: {
  organizationId: string;
  subject: string | null;
  sessionId: string | null;
}): Promise<number> {
  if (!subject && !sessionId) return 0;
  const rows = await withPlatform((tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(userSessions.ssoOrganizationId, organizationId),
          isNull(userSessions.revokedAt),
          sessionId ? eq(userSessions.ssoSessionId, sessionId) : eq(userSessions.ssoSubject, subject!),
          ...(sessionId && subject ? [eq(userSessions.ssoSubject, subject)] : []),
        ),
      )
      .returning({ id: userSessions.id, userId: userSessions.userId }),
  );
  for (const row of rows) await invalidate(cacheKey(row.userId, row.id));
  return rows.length;
}

function isLive(row: Snapshot, now: Date): boolean {
  if (row.revokedAt) return false;
  if (row.expiresAt.getTime() <= now.getTime()) return false;
  return now.getTime() - row.lastSeenAt.getTime() < idleMs();
}

/**
 * Whether the session is live for this user at `now`; records activity (at most once a minute),
 * which keeps the idle window open.
 */
export async function sessionIsLive(sessionId: string | undefined, userId: string, now = new Date()): Promise<boolean> {
  if (!sessionId || !UUID.test(sessionId) || !UUID.test(userId)) return false;
  const key = cacheKey(userId, sessionId);
  const row = await cached<Snapshot | null>(key, SESSION_CHECK_CACHE_MS, async () => {
    const [found] = await withPlatform((tx) =>
      tx
        .select({
          userId: userSessions.userId,
          lastSeenAt: userSessions.lastSeenAt,
          expiresAt: userSessions.expiresAt,
          revokedAt: userSessions.revokedAt,
        })
        .from(userSessions)
        .where(eq(userSessions.id, sessionId)),
    );
    return found ?? null;
  });
  if (!row || row.userId !== userId || !isLive(row, now)) return false;
  if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_WRITE_MS) {
    await withPlatform((tx) =>
      tx
        .update(userSessions)
        .set({ lastSeenAt: now })
        .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt))),
    );
    await invalidate(key);
  }
  return true;
}

/** The user a session cookie's claims stand for while its server-side session is live; else null. */
export async function liveUserOf(token: { uid?: string; sid?: string }): Promise<string | null> {
  return token.uid && (await sessionIsLive(token.sid, token.uid)) ? token.uid : null;
}

/** Ends one session (signing out in this browser). */
export async function endSession(sessionId: string | undefined): Promise<void> {
  if (!sessionId || !UUID.test(sessionId)) return;
  const [row] = await withPlatform((tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)))
      .returning({ userId: userSessions.userId }),
  );
  if (row) await invalidate(cacheKey(row.userId, sessionId));
}

/** Per user and minute, one allowance for the REST endpoint and the user menu's action. */
export const SIGN_OUT_EVERYWHERE_RATE_LIMIT = { route: "/api/auth/sign-out-everywhere", limit: 20 } as const;

/**
 * Ends every live session of a user, or all but one (the browser that asked): sign-out
 * everywhere, a password change or reset, suspension or removal. Returns how many ended.
 */
export async function endAllSessions(userId: string, { exceptSessionId }: { exceptSessionId?: string } = {}): Promise<number> {
  if (!UUID.test(userId)) return 0;
  const keep = exceptSessionId && UUID.test(exceptSessionId) ? exceptSessionId : null;
  const ended = await withPlatform((tx) =>
    tx
      .update(userSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), ...(keep ? [ne(userSessions.id, keep)] : [])))
      .returning({ id: userSessions.id }),
  );
  await invalidatePrefix(platformKey("user-session", userId));
  return ended.length;
}
