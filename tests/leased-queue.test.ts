import crypto from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { accountOutbox, enqueueAccountMessage } from "@/lib/auth/account-mail";
import { leasedQueue, nextAttemptDelayMs } from "@/lib/db/leased-queue";
import { accountMessages, notifications } from "@/lib/db/schema";
import { withPlatform, withTenant, type Tx } from "@/lib/db/tenant";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { createOrganization } from "./support/fixtures";
import { asOwner } from "./support/owner";

// The claim/complete protocol both outboxes share, on the platform table (account e-mails) and on
// a tenant table (a hospital's notifications).

const ownerSql = postgres(inject("adminDatabaseUrl"), { max: 1, onnotice: () => {} });
afterAll(() => ownerSql.end({ timeout: 5 }));

/** A transaction outside RLS, so only the queue's own scope filter keeps other rows out. */
function asOwnerTx<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return drizzle(ownerSql).transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', session_user, true)`);
    return fn(tx);
  });
}

type AccountRow = {
  status: string;
  attempts: number;
  claim_token: string | null;
  lease_expires_at: Date | null;
  last_error: string | null;
};

async function accountRow(id: string): Promise<AccountRow & { next_attempt_at: Date; sent_at: Date | null }> {
  const [row] = await asOwner(
    (sql) => sql<(AccountRow & { next_attempt_at: Date; sent_at: Date | null })[]>`
      select status::text as status, attempts, claim_token, lease_expires_at, last_error, next_attempt_at, sent_at
        from account_messages where id = ${id}`,
  );
  return row!;
}

describe("leased queue", () => {
  it("on the account outbox: an expired lease is claimed again, and only the new claim can complete, retry or release", async () => {
    const tag = crypto.randomBytes(4).toString("hex");
    const mine = [`lease-${tag}-1@example.test`, `lease-${tag}-2@example.test`];
    const other = `lease-${tag}-other@example.test`;
    await withPlatform(async (tx) => {
      for (const toEmail of [...mine, other]) {
        await enqueueAccountMessage(tx, { kind: "password_changed", toEmail, subject: `lease ${tag}`, bodyText: "Hello" });
      }
    });
    // Scoped to this test's addresses: account e-mails of other tests share the table.
    const claim = (now = new Date()) =>
      withPlatform((tx) =>
        leasedQueue(tx, accountMessages, { scope: inArray(accountMessages.toEmail, mine) }).claimDue({ now, limit: 10, leaseSeconds: 60 }),
      );

    const first = await claim();
    expect(first.map((m) => m.toEmail).sort()).toEqual(mine);
    expect(new Set(first.map((m) => m.claimToken)).size).toBe(1);
    expect(first.map((m) => m.attempts)).toEqual([1, 1]);
    // The lease is taken on the database clock: about 60 s from now.
    const leaseLeft = first[0]!.leaseExpiresAt.getTime() - Date.now();
    expect(leaseLeft).toBeGreaterThan(50_000);
    expect(leaseLeft).toBeLessThanOrEqual(61_000);
    const [otherRow] = await asOwner(
      (sql) => sql<{ status: string }[]>`select status::text as status from account_messages where to_email = ${other}`,
    );
    expect(otherRow!.status).toBe("pending");

    // Still leased: nobody else gets them.
    expect(await claim()).toEqual([]);
    await asOwner((sql) => sql`update account_messages set lease_expires_at = now() - interval '1 second' where to_email = any(${mine})`);
    const second = await claim();
    expect(second.map((m) => m.id).sort()).toEqual(first.map((m) => m.id).sort());
    expect(second.map((m) => m.attempts)).toEqual([2, 2]);
    const stale = first[0]!.claimToken;
    const current = second[0]!.claimToken;
    expect(current).not.toBe(stale);

    // The first claim lost its lease: none of its completions changes anything.
    const [a, b] = second;
    const now = new Date();
    expect(await accountOutbox.markSent({ id: a!.id, claimToken: stale, now })).toBe(false);
    expect(await accountOutbox.markRetry({ id: a!.id, claimToken: stale, attempts: 2, error: "late", now })).toBe(false);
    await accountOutbox.release({ ids: [a!.id, b!.id], claimToken: stale });
    for (const m of [a!, b!]) {
      expect(await accountRow(m.id)).toMatchObject({ status: "sending", attempts: 2, claim_token: current, last_error: null });
    }

    // The current claim: a failed attempt waits out the backoff, with its error kept (cut to 500 characters).
    expect(await accountOutbox.markRetry({ id: a!.id, claimToken: current, attempts: 2, error: "x".repeat(600), now })).toBe(true);
    const retried = await accountRow(a!.id);
    expect(retried).toMatchObject({ status: "pending", attempts: 2, claim_token: null, lease_expires_at: null });
    expect(retried.last_error).toHaveLength(500);
    expect(retried.next_attempt_at.getTime()).toBe(now.getTime() + nextAttemptDelayMs(2));
    // A row handed back unattempted does not count the attempt.
    await accountOutbox.release({ ids: [b!.id], claimToken: current });
    expect(await accountRow(b!.id)).toMatchObject({ status: "pending", attempts: 1, claim_token: null, lease_expires_at: null });

    const third = await claim(now);
    expect(third.map((m) => m.id)).toEqual([b!.id]);
    expect(await accountOutbox.markSent({ id: b!.id, claimToken: third[0]!.claimToken, now })).toBe(true);
    expect(await accountRow(b!.id)).toMatchObject({ status: "sent", claim_token: null, lease_expires_at: null, last_error: null });
    // Completed once: the same token completes nothing again.
    expect(await accountOutbox.markSent({ id: b!.id, claimToken: third[0]!.claimToken, now })).toBe(false);

    // The retried one is due when its backoff has passed, not before.
    expect(await claim(new Date(now.getTime() + nextAttemptDelayMs(2) - 1000))).toEqual([]);
    const fourth = await claim(new Date(now.getTime() + nextAttemptDelayMs(2)));
    expect(fourth.map((m) => [m.id, m.attempts])).toEqual([[a!.id, 3]]);
  });

  it("a row queued within the millisecond a claim names is due to it; one queued after it is not", async () => {
    const org = await createOrganization("lease-ms");
    const queued = await withTenant(org.id, (tx) =>
      outboxRepo(tx, org.id).enqueue({ kind: "invitation", toEmail: "lease-ms@example.test", subject: "lease ms", bodyText: "Hello" }),
    );
    // The database stamps to the microsecond, a claim's `now` is whole milliseconds: a row stamped
    // 0.6 ms into the millisecond `now` names was queued at that time, not after it.
    await asOwner((sql) => sql`update notifications set next_attempt_at = '2030-01-01 12:00:00.000600+00' where id = ${queued!.id}`);
    const claim = (now: string) =>
      withTenant(org.id, (tx) => outboxRepo(tx, org.id).claimDue({ now: new Date(now), limit: 10, leaseSeconds: 60 }));
    expect(await claim("2030-01-01T11:59:59.999Z")).toEqual([]);
    expect((await claim("2030-01-01T12:00:00.000Z")).map((m) => m.id)).toEqual([queued!.id]);
  });

  it("on a tenant outbox: every statement stays within its organization, even where RLS does not hold it", async () => {
    const orgA = await createOrganization("lease-a");
    const orgB = await createOrganization("lease-b");
    const enqueue = (orgId: string, n: number) =>
      withTenant(orgId, (tx) =>
        outboxRepo(tx, orgId).enqueue({ kind: "invitation", toEmail: `lease${n}@example.test`, subject: `lease ${n}`, bodyText: "Hello" }),
      );
    const a = await enqueue(orgA.id, 1);
    await enqueue(orgB.id, 2);
    await enqueue(orgB.id, 3);
    // B claims one of its messages the normal way.
    const [claimedB] = await withTenant(orgB.id, (tx) => outboxRepo(tx, orgB.id).claimDue({ now: new Date(), limit: 1, leaseSeconds: 60 }));
    expect(claimedB).toBeDefined();

    const inA = (tx: Tx) => leasedQueue(tx, notifications, { scope: eq(notifications.organizationId, orgA.id) });
    await asOwnerTx(async (tx) => {
      // The owner sees B's rows: nothing but the scope stands in the way below.
      const visible = await tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.organizationId, orgB.id));
      expect(visible).toHaveLength(2);

      const claimed = await inA(tx).claimDue({ now: new Date(), limit: 100, leaseSeconds: 60 });
      expect(claimed.map((m) => [m.organizationId, m.id])).toEqual([[orgA.id, a!.id]]);
      expect(await inA(tx).markSent({ id: claimedB!.id, claimToken: claimedB!.claimToken, now: new Date() })).toBe(false);
      expect(
        await inA(tx).markRetry({ id: claimedB!.id, claimToken: claimedB!.claimToken, attempts: 1, error: "no", now: new Date() }),
      ).toBe(false);
      await inA(tx).release({ ids: [claimedB!.id], claimToken: claimedB!.claimToken });
    });
    const statuses = await asOwner(
      (sql) => sql<{ id: string; status: string; claim_token: string | null }[]>`
        select id, status::text as status, claim_token from notifications where organization_id = ${orgB.id} order by status`,
    );
    expect(statuses.map((r) => r.status)).toEqual(["pending", "sending"]);
    expect(statuses[1]).toMatchObject({ id: claimedB!.id, claim_token: claimedB!.claimToken });

    // B's own claim still completes.
    expect(
      await withTenant(orgB.id, (tx) =>
        outboxRepo(tx, orgB.id).markSent({ id: claimedB!.id, claimToken: claimedB!.claimToken, now: new Date() }),
      ),
    ).toBe(true);
  });
});
