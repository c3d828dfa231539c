import "server-only";
import { and, arrayContains, asc, count, desc, eq, getTableColumns, gt, isNull, lt, min, or, sql } from "drizzle-orm";
import type { Wrapping } from "@/lib/db/reusable";
import { sendLast, type FinalFormat, type TenantTx } from "@/lib/db/tenant";
import { columnEncoder } from "@/lib/db/text-array";
import { auditLogs, type ActorType, type AuditAction, type AuditLog, type AuditOutcome } from "@/lib/db/schema";

export type AuditActor = {
  type: ActorType;
  userId?: string | null;
  role?: string | null;
};

export type AuditRequest = {
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  /** Every patient a read showed (a list); patient_id, when set, is added by the database. */
  patientIds?: string[];
  /** Every record a read showed (appointment, patient ids), in the order shown. */
  resourceIds?: string[];
  outcome?: AuditOutcome;
  request?: AuditRequest;
  metadata?: Record<string, unknown>;
};

/**
 * Audit rows are written in the same transaction as the access they record. The time is set by
 * the database (trigger audit_logs_stamp), and seq and hashes only by public.audit_seal, so none
 * of them can be forged from here.
 */
function toRow(orgId: string, entry: AuditEntry) {
  return {
    organizationId: orgId,
    actorType: entry.actor.type,
    actorUserId: entry.actor.userId ?? null,
    actorRole: entry.actor.role ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    patientIds: entry.patientIds ?? [],
    resourceIds: entry.resourceIds ?? [],
    outcome: entry.outcome ?? "success",
    requestId: entry.request?.requestId ?? null,
    ip: entry.request?.ip ?? null,
    userAgent: entry.request?.userAgent?.slice(0, 512) ?? null,
    metadata: entry.metadata ?? {},
  };
}

/** A writer seals whatever is waiting: it holds the chain lock for its own row anyway. */
const SEAL_ALL = 100_000;

type AuditRow = ReturnType<typeof toRow>;
type RowKey = keyof AuditRow;

/**
 * The insert for `count` audit rows, built once per count. Building drizzle's insert for one row
 * costs more than the database takes to store it, and every audited read sends one. The columns
 * are toRow's, each value encoded by its drizzle column exactly as drizzle's own insert encodes it;
 * the columns left out (id, seq, time, hashes) take their defaults, as they do in drizzle's insert.
 */
const insertColumns = (() => {
  let built: { key: RowKey; name: string; type: string; encode: (value: unknown) => unknown }[] | null = null;
  return () => {
    if (!built) {
      const columns = getTableColumns(auditLogs);
      const sample = toRow("", { actor: { type: "system" }, action: "view", resourceType: "" });
      built = (Object.keys(sample) as RowKey[]).map((key) => {
        const column = columns[key];
        return { key, name: column.name, type: column.getSQLType(), encode: columnEncoder(column) };
      });
    }
    return built;
  };
})();
const insertTexts = new Map<number, string>();
const MAX_BUILT_INSERT_ROWS = 20;

function insertText(count: number): string {
  let text = insertTexts.get(count);
  if (!text) {
    const columns = insertColumns();
    const names = columns.map((c) => `"${c.name}"`).join(", ");
    const rows = Array.from({ length: count }, (_, r) => `(${columns.map((_, i) => `$${r * columns.length + i + 1}`).join(", ")})`);
    text = `insert into "audit_logs" (${names}) values ${rows.join(", ")}`;
    if (count <= MAX_BUILT_INSERT_ROWS) insertTexts.set(count, text);
  }
  return text;
}

/** The append statement for sendLast: its text and parameters, or (awaited) drizzle's own insert. */
function appendStatement(tx: TenantTx, orgId: string, entries: AuditEntry[]) {
  const rows = entries.map((entry) => toRow(orgId, entry));
  const columns = insertColumns();
  return {
    toSQL: () => ({
      sql: insertText(rows.length),
      params: rows.flatMap((row) => columns.map((c) => (row[c.key] === null ? null : c.encode(row[c.key])))),
    }),
    then<R1 = unknown, R2 = never>(
      onfulfilled?: ((value: unknown) => R1 | PromiseLike<R1>) | null,
      onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
    ): PromiseLike<R1 | R2> {
      return tx.insert(auditLogs).values(rows).then(onfulfilled, onrejected);
    },
  };
}

/**
 * What a list-and-audit statement answers (listReadWrapping): a select from "listed", given the
 * page size's parameter, and a name for it (the statement's text is built once per name).
 */
export type ListAnswer = {
  key: string;
  select: (pageSize: string) => string;
  /** How its columns come back: parsed values, or ("raw") the bytes PostgreSQL sent. */
  format?: FinalFormat;
};

// The columns of a read's row that name what it showed: computed from the list's own rows.
const SHOWN: ReadonlySet<RowKey> = new Set<RowKey>(["resourceId", "patientId", "patientIds", "resourceIds"]);

/**
 * A list read and its audit row as one statement (see reusableFinalRead): the list runs as
 * `listed`, and the row — exactly what readEntry and append write for the rows shown — is inserted
 * from its first `pageSize` rows (the list reads one more, to know whether a next page exists).
 * The list must return its record's `id`, its `patient_id` and `n`, the row's position in the
 * list's order from 1. Nothing is written when the page is empty. The statement answers what
 * `answer` selects from the list's rows.
 */
export function listReadWrapping(
  orgId: string,
  {
    actor,
    request,
    resourceType,
    pageSize,
    answer,
  }: {
    actor: AuditActor;
    request: AuditRequest;
    resourceType: string;
    pageSize: number;
    answer: ListAnswer;
  },
): Wrapping {
  const row = toRow(orgId, { actor, action: "view", resourceType, request });
  const given = insertColumns().filter((c) => !SHOWN.has(c.key));
  const byKey = new Map(insertColumns().map((c) => [c.key, c]));
  const shown = (key: RowKey) => `"${byKey.get(key)!.name}"`;
  return {
    key: `audit-read:${resourceType}:${answer.key}`,
    format: answer.format,
    params: [...given.map((c) => (row[c.key] === null ? null : c.encode(row[c.key]))), pageSize],
    text: (read, readParams) => {
      const param = (i: number) => `$${readParams + i + 1}`;
      const page = `${param(given.length)}::bigint`;
      const columns = [
        ...given.map((c) => `"${c.name}"`),
        shown("resourceId"),
        shown("patientId"),
        shown("patientIds"),
        shown("resourceIds"),
      ];
      const values = given.map((c, i) => `${param(i)}::${c.type}`);
      return [
        `with "listed" as (${read}),`,
        `"shown" as (select "id", "patient_id", "n" from "listed" where "n" <= ${page}),`,
        `"named" as (select array_agg("id"::text order by "n") as "records", count(*) as "count",`,
        ` (select array_agg("patient_id" order by "first") from (select "patient_id", min("n") as "first" from "shown"`,
        `   where "patient_id" is not null group by "patient_id") "p") as "patients" from "shown"),`,
        `"read" as (insert into "audit_logs" (${columns.join(", ")})`,
        ` select ${values.join(", ")}, case when "count" = 1 then "records"[1] end,`,
        ` case when cardinality("patients") = 1 then "patients"[1] end, coalesce("patients", '{}'::uuid[]), "records"`,
        ` from "named" where "count" > 0)`,
        answer.select(page),
      ].join("\n");
    },
  };
}

export function auditRepo(tx: TenantTx, orgId: string) {
  const repo = {
    /**
     * Appends rows without taking the organization's chain lock: they stay unsealed until the next
     * seal (a writer of this organization, the worker, or the server's sealer). Reads use this, so
     * readers of one organization never wait for each other.
     */
    async append(entries: AuditEntry[]): Promise<void> {
      if (!entries.length) return;
      const insert = tx.insert(auditLogs).values(entries.map((entry) => toRow(orgId, entry)));
      // A read's single row has the same statement text every time: prepared, it is one round trip.
      if (entries.length === 1) await insert.prepare("audit_append_one").execute();
      else await insert;
    },

    /** append, as the transaction's last statement: it travels with COMMIT (sendLast). */
    async appendLast(entries: AuditEntry[]): Promise<void> {
      if (!entries.length) return;
      await sendLast(tx, appendStatement(tx, orgId, entries));
    },

    /**
     * Seals up to `maxRows` waiting rows of this organization into its chain, under the chain lock
     * (held to commit); returns how many it sealed. Rows of still-open transactions wait.
     */
    async seal({ maxRows = 1000 }: { maxRows?: number } = {}): Promise<number> {
      const [row] = await tx.execute<{ sealed: number }>(sql`select public.audit_seal(${orgId}::uuid, ${maxRows}::int) as sealed`);
      return Number(row?.sealed ?? 0);
    },

    /** One row, sealed before this returns (with everything waiting before it): a writer's event. */
    async record(entry: AuditEntry): Promise<AuditLog> {
      const [row] = await tx.insert(auditLogs).values(toRow(orgId, entry)).returning({ id: auditLogs.id });
      await repo.seal({ maxRows: SEAL_ALL });
      const [sealed] = await tx
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, orgId), eq(auditLogs.id, row!.id)));
      return sealed!;
    },

    /** Several rows in one statement, then sealed in their order with everything waiting before them. */
    async recordMany(entries: AuditEntry[]): Promise<void> {
      if (!entries.length) return;
      await repo.append(entries);
      await repo.seal({ maxRows: SEAL_ALL });
    },

    /** Newest first; `patientId` finds every row naming that patient (alone or in a read's list). */
    async list({ patientId, limit = 100, before }: { patientId?: string; limit?: number; before?: Date } = {}) {
      const where = [eq(auditLogs.organizationId, orgId)];
      if (patientId) where.push(or(eq(auditLogs.patientId, patientId), arrayContains(auditLogs.patientIds, [patientId]))!);
      if (before) where.push(lt(auditLogs.occurredAt, before));
      return tx
        .select()
        .from(auditLogs)
        .where(and(...where))
        .orderBy(desc(auditLogs.occurredAt), desc(auditLogs.id))
        .limit(limit);
    },

    /** A page of the sealed chain in order, with the hash the database recomputes for each row. */
    async chainPage({ afterSeq, limit }: { afterSeq: number; limit: number }) {
      return tx
        .select({
          seq: sql<number>`${auditLogs.seq}`.mapWith(Number),
          id: auditLogs.id,
          prevHash: auditLogs.prevHash,
          rowHash: auditLogs.rowHash,
          expectedHash: sql<string>`public.audit_row_hash(${auditLogs})`,
          genesisHash: sql<string>`public.audit_genesis_hash(${auditLogs.organizationId})`,
        })
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, orgId), gt(auditLogs.seq, afterSeq)))
        .orderBy(asc(auditLogs.seq))
        .limit(limit);
    },

    /** Rows still waiting for their seal that were written before `olderThan`. */
    async unsealed({ olderThan }: { olderThan: Date }): Promise<{ rows: number; oldestAt: Date | null }> {
      const [row] = await tx
        .select({ rows: count(), oldestAt: min(auditLogs.occurredAt) })
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, orgId), isNull(auditLogs.seq), lt(auditLogs.occurredAt, olderThan)));
      return { rows: row?.rows ?? 0, oldestAt: row?.oldestAt ?? null };
    },
  };
  return repo;
}
