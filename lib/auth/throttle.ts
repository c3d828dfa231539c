import "server-only";
import { inArray, sql } from "drizzle-orm";
import { signInThrottles } from "@/lib/db/schema";
import { withPlatform } from "@/lib/db/tenant";

const WINDOW_MINUTES = 15;
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 30;

export type ThrottleKeys = { account: string; ip: string | null };

function keysOf({ account, ip }: ThrottleKeys): { key: string; limit: number }[] {
  const keys = [{ key: `account:${account.trim().toLowerCase()}`, limit: ACCOUNT_LIMIT }];
  if (ip) keys.push({ key: `ip:${ip}`, limit: IP_LIMIT });
  return keys;
}

/** The time until which sign-in is refused for this account or address, if it is locked. */
export async function signInLockedUntil(keys: ThrottleKeys): Promise<Date | null> {
  const rows = await withPlatform((tx) =>
    tx
      .select({ lockedUntil: signInThrottles.lockedUntil })
      .from(signInThrottles)
      .where(
        inArray(
          signInThrottles.key,
          keysOf(keys).map((k) => k.key),
        ),
      ),
  );
  const now = Date.now();
  const until = rows
    .map((r) => r.lockedUntil?.getTime() ?? 0)
    .filter((t) => t > now)
    .sort((a, b) => b - a)[0];
  return until ? new Date(until) : null;
}

/** Counts a failure in fixed 15-minute windows; at the limit the key is locked for a window. */
export async function recordSignInFailure(keys: ThrottleKeys): Promise<void> {
  await withPlatform(async (tx) => {
    for (const { key, limit } of keysOf(keys)) {
      await tx.execute(sql`
        insert into sign_in_throttles as t (key, window_started_at, failures, locked_until)
        values (${key}, now(), 1, null)
        on conflict (key) do update set
          failures = case when t.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then now() else t.window_started_at end,
          locked_until = case
            when (case when t.window_started_at < now() - make_interval(mins => ${WINDOW_MINUTES}) then 1 else t.failures + 1 end) >= ${limit}
            then now() + make_interval(mins => ${WINDOW_MINUTES})
            else t.locked_until end`);
    }
  });
}

export async function clearAccountFailures(account: string): Promise<void> {
  await withPlatform((tx) => tx.delete(signInThrottles).where(inArray(signInThrottles.key, [`account:${account.trim().toLowerCase()}`])));
}

/**
 * Counts one request against each key (fixed windows of `windowMinutes`); false once any key has
 * gone over its limit in the current window. For requests that send e-mail (password resets).
 */
export async function takeAllowance(keys: { key: string; limit: number }[], windowMinutes: number): Promise<boolean> {
  let allowed = true;
  await withPlatform(async (tx) => {
    for (const { key, limit } of keys) {
      const [row] = await tx.execute<{ failures: number }>(sql`
        insert into sign_in_throttles as t (key, window_started_at, failures, locked_until)
        values (${key}, now(), 1, null)
        on conflict (key) do update set
          failures = case when t.window_started_at < now() - make_interval(mins => ${windowMinutes}) then 1 else t.failures + 1 end,
          window_started_at = case when t.window_started_at < now() - make_interval(mins => ${windowMinutes}) then now() else t.window_started_at end
        returning failures`);
      if (Number(row?.failures ?? 0) > limit) allowed = false;
    }
  });
  return allowed;
}
