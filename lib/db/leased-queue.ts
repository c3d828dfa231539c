import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTableWithColumns } from "drizzle-orm/pg-core";
import type { notificationStatus } from "./schema";
import type { Tx } from "./tenant";

/** Retry schedule: 1, 2, 4 … minutes, capped at 6 hours. A message is never dropped. */
export function nextAttemptDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
}

type Status = (typeof notificationStatus.enumValues)[number];

/** The columns an outbox table needs to be worked as a leased queue. */
export type LeasedQueueTable = PgTableWithColumns<{
  name: string;
  schema: string | undefined;
  dialect: "pg";
  columns: {
    id: AnyPgColumn<{ data: string; notNull: true }>;
    status: AnyPgColumn<{ data: Status; notNull: true }>;
    attempts: AnyPgColumn<{ data: number; notNull: true }>;
    nextAttemptAt: AnyPgColumn<{ data: Date; notNull: true }>;
    claimToken: AnyPgColumn<{ data: string; notNull: false }>;
    leaseExpiresAt: AnyPgColumn<{ data: Date; notNull: false }>;
    lastError: AnyPgColumn<{ data: string; notNull: false }>;
    sentAt: AnyPgColumn<{ data: Date; notNull: false }>;
  };
}>;

/** A claimed row: the claim's token must accompany its completion. */
export type Claimed<Row> = Row & { claimToken: string; leaseExpiresAt: Date };

export type ClaimArgs = { now: Date; limit: number; leaseSeconds: number };
export type SentArgs = { id: string; claimToken: string; now: Date };
/** `attempts` as claimed: it sets the backoff before the next try. */
export type RetryArgs = { id: string; claimToken: string; attempts: number; error: string; now: Date };
export type ReleaseArgs = { ids: string[]; claimToken: string };

/**
 * A database time at or before `now`, a JavaScript instant. `now` is whole milliseconds, the
 * database stamps to the microsecond: a row stamped earlier within the millisecond `now` names is
 * due too (compared as "before the next millisecond", so an index on the column still serves it).
 */
export function dueBy(column: AnyPgColumn, now: Date): SQL {
  return lt(column, new Date(now.getTime() + 1));
}

/**
 * The claim/complete protocol of an outbox worked by any number of workers at once. Due rows are
 * locked with SKIP LOCKED, so concurrent workers never claim the same row, and marked "sending" with
 * a fresh claim token (one per claim, shared by its batch) and a lease measured on the database
 * clock. A row whose lease ran out (its worker died or stalled) is due again. Only the holder of the
 * current token can complete a row. `scope` is added to every statement (a tenant table's
 * organization filter); the caller's transaction wrapper decides which rows the role may see.
 */
export function leasedQueue<T extends LeasedQueueTable>(tx: Tx, queueTable: T, { scope }: { scope?: SQL } = {}) {
  type Row = T["$inferSelect"];
  const table: LeasedQueueTable = queueTable;
  const heldBy = (rows: SQL, claimToken: string) => and(scope, rows, eq(table.status, "sending"), eq(table.claimToken, claimToken));

  return {
    async claimDue({ now, limit, leaseSeconds }: ClaimArgs): Promise<Claimed<Row>[]> {
      const due = await tx
        .select({ id: table.id })
        .from(table)
        .where(
          and(
            scope,
            or(
              and(eq(table.status, "pending"), dueBy(table.nextAttemptAt, now)),
              and(eq(table.status, "sending"), sql`coalesce(${table.leaseExpiresAt}, '-infinity') <= now()`),
            ),
          ),
        )
        .orderBy(asc(table.nextAttemptAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      if (!due.length) return [];
      const rows = await tx
        .update(table)
        .set({
          status: "sending",
          attempts: sql`${table.attempts} + 1`,
          claimToken: randomUUID(),
          leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
        })
        .where(
          and(
            scope,
            inArray(
              table.id,
              due.map((d) => d.id),
            ),
          ),
        )
        .returning();
      return rows as Claimed<Row>[];
    },

    /** Completes a claim; false when the lease was lost to another worker (nothing is changed then). */
    async markSent({ id, claimToken, now }: SentArgs): Promise<boolean> {
      const done = await tx
        .update(table)
        .set({ status: "sent", sentAt: now, lastError: null, claimToken: null, leaseExpiresAt: null })
        .where(heldBy(eq(table.id, id), claimToken))
        .returning({ id: table.id });
      return done.length > 0;
    },

    /** A failed attempt: tried again after nextAttemptDelayMs(attempts), never given up; false when the lease was lost. */
    async markRetry({ id, claimToken, attempts, error, now }: RetryArgs): Promise<boolean> {
      const done = await tx
        .update(table)
        .set({
          status: "pending",
          lastError: error.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)),
          claimToken: null,
          leaseExpiresAt: null,
        })
        .where(heldBy(eq(table.id, id), claimToken))
        .returning({ id: table.id });
      return done.length > 0;
    },

    /** Hands claimed but unattempted rows back, their attempt not counted (the lease is too short to send them safely). */
    async release({ ids, claimToken }: ReleaseArgs): Promise<void> {
      if (!ids.length) return;
      await tx
        .update(table)
        .set({ status: "pending", attempts: sql`greatest(${table.attempts} - 1, 0)`, claimToken: null, leaseExpiresAt: null })
        .where(heldBy(inArray(table.id, ids), claimToken));
    },
  };
}
