import "server-only";
import { and, asc, desc, eq, gte, isNotNull, lt, lte, or, arrayContains, sql, type SQL } from "drizzle-orm";
import { memberDirectory } from "@/lib/administration/member-directory";
import { assertFeature } from "@/lib/billing/limits";
import { auditLogs, patients, type AuditLog } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { tryJobLock } from "@/lib/jobs/job-lock";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { dayBounds } from "@/lib/time/calendar";
import { uuidList } from "@/lib/db/uuid-list";
import { stringify } from "csv-stringify/sync";
import { safeCell } from "@/lib/reports/csv";
import type { ExportedAuditRow, ExportHeader } from "./canonical";
import { auditRepo } from "./repository";
import { MAX_AUDIT_EXPORT_ROWS, type AuditExportQuery, type AuditSearchQuery } from "./schemas";
import { chainFailed, verifyChainIn, type ChainReport } from "./verify";

// The audit console: an organization's audit events searched and opened one by one, its chain
// verified on demand (beside the worker's scheduled result), and a date range exported with the
// chain hashes so an auditor can re-verify it offline. Plan-gated by the audit export feature;
// every look at the log and every export is itself recorded in it.

/** Verifications of the chain are recorded in the chain itself, as events of this kind. */
export const CHAIN_RESOURCE = "audit_chain";
const LOG_RESOURCE = "audit_log";

export type AuditActorView = { type: string; userId: string | null; role: string | null; name: string | null; email: string | null };

export type AuditEventView = {
  id: string;
  /** Position in the chain; null while the row waits for its seal (seconds, normally). */
  seq: number | null;
  occurredAt: Date;
  actor: AuditActorView;
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** Every patient the event concerns. */
  patientIds: string[];
  /** How many records a read showed. */
  records: number;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

type Directory = Map<string, { name: string; email: string }>;

async function directoryOf(ctx: MemberContext): Promise<Directory> {
  const { members } = await memberDirectory(ctx.tx, ctx.orgId);
  return new Map(members.map((m) => [m.userId, { name: m.name, email: m.email }]));
}

function patientsOf(row: Pick<AuditLog, "patientId" | "patientIds">): string[] {
  const all = new Set(row.patientIds);
  if (row.patientId) all.add(row.patientId);
  return [...all];
}

function view(row: AuditLog, people: Directory): AuditEventView {
  const person = row.actorUserId ? people.get(row.actorUserId) : undefined;
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurredAt,
    actor: { type: row.actorType, userId: row.actorUserId, role: row.actorRole, name: person?.name ?? null, email: person?.email ?? null },
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    patientIds: patientsOf(row),
    records: row.resourceIds.length,
    outcome: row.outcome,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}

// occurred_at to the microsecond, so a page boundary never skips or repeats a row.
const occurredAtText = sql<string>`to_char(${auditLogs.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const LATEST_TIMESTAMP = Date.UTC(9999, 11, 31, 0, 0, 0);

function rangeFilter(from: string | undefined, to: string | undefined, timeZone: string): SQL[] {
  const where: SQL[] = [];
  if (from) where.push(gte(auditLogs.occurredAt, dayBounds(from, timeZone).from));
  // The day after 9999-12-31 is past what a timestamp holds: nothing is later, so no bound is needed.
  if (to) {
    const end = dayBounds(to, timeZone).to;
    if (end.getTime() < LATEST_TIMESTAMP) where.push(lt(auditLogs.occurredAt, end));
  }
  return where;
}

/** Newest first, filtered by person, patient, action, kind of record and days (in the organization's zone). */
export async function searchAuditEvents(ctx: MemberContext, query: AuditSearchQuery, timeZone: string) {
  await assertFeature(ctx.tx, ctx.orgId, "audit_export");
  return search(ctx, query, timeZone, {});
}

/**
 * Every access to one patient's data and every change of it, newest first: who, when, what, from
 * where ("who opened this chart"). Part of every plan; looking is recorded, naming the patient.
 */
export async function patientAccessHistory(
  ctx: MemberContext,
  patientId: string,
  query: { limit: number; cursor?: string },
  timeZone: string,
) {
  const [patient] = await ctx.tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.organizationId, ctx.orgId), eq(patients.id, patientId)));
  if (!patient) throw new NotFoundError("patient");
  return search(ctx, { patient: patientId, resource: undefined, limit: query.limit, cursor: query.cursor }, timeZone, {
    patientIds: [patientId],
  });
}

async function search(ctx: MemberContext, query: AuditSearchQuery, timeZone: string, recorded: { patientIds?: string[] }) {
  const after = decodeCursor<{ occurredAt: string; id: string }>(query.cursor, ["occurredAt", "id"]);
  const where: SQL[] = [eq(auditLogs.organizationId, ctx.orgId), ...rangeFilter(query.from, query.to, timeZone)];
  if (query.actor) where.push(eq(auditLogs.actorUserId, query.actor));
  if (query.patient) where.push(or(eq(auditLogs.patientId, query.patient), arrayContains(auditLogs.patientIds, [query.patient]))!);
  if (query.action) where.push(eq(auditLogs.action, query.action));
  if (query.resource) where.push(eq(auditLogs.resourceType, query.resource));
  if (after) where.push(sql`(${auditLogs.occurredAt}, ${auditLogs.id}) < (${after.occurredAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await ctx.tx
    .select({ row: auditLogs, cursorAt: occurredAtText })
    .from(auditLogs)
    .where(and(...where))
    .orderBy(desc(auditLogs.occurredAt), desc(auditLogs.id))
    .limit(query.limit + 1);
  const people = await directoryOf(ctx);
  const result = page(rows, query.limit, (r) => ({ occurredAt: r.cursorAt, id: r.row.id }));
  const filters = Object.fromEntries(
    Object.entries({
      from: query.from,
      to: query.to,
      actor: query.actor,
      patient: query.patient,
      action: query.action,
      resource: query.resource,
    }).filter(([, v]) => v !== undefined),
  );
  await ctx.audit({ action: "view", resourceType: LOG_RESOURCE, ...recorded, metadata: { filters, shown: result.data.length } });
  return { data: result.data.map((r) => view(r.row, people)), nextCursor: result.nextCursor };
}

export type AuditEventDetail = AuditEventView & {
  metadata: Record<string, unknown>;
  resourceIds: string[];
  /** The patients it names, as this organization knows them today (a removed patient is not listed). */
  patients: { id: string; name: string }[];
  chain: {
    seq: number | null;
    prevHash: string;
    rowHash: string;
    /** The hash the database computes from the row as it is now: equal to rowHash unless the row was edited. */
    recomputedHash: string | null;
    intact: boolean | null;
    previous: { id: string; seq: number } | null;
    next: { id: string; seq: number } | null;
  };
};

/** One event with its place in the chain; opening it is recorded, naming the patients it shows. */
export async function getAuditEvent(ctx: MemberContext, id: string): Promise<AuditEventDetail> {
  await assertFeature(ctx.tx, ctx.orgId, "audit_export");
  const [found] = await ctx.tx
    .select({
      row: auditLogs,
      recomputed: sql<string | null>`case when ${auditLogs.seq} is null then null else public.audit_row_hash(${auditLogs}) end`,
    })
    .from(auditLogs)
    .where(and(eq(auditLogs.organizationId, ctx.orgId), eq(auditLogs.id, id)));
  if (!found) throw new NotFoundError("audit_event");
  const { row } = found;
  const neighbour = async (seq: number) => {
    const [n] = await ctx.tx
      .select({ id: auditLogs.id, seq: auditLogs.seq })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, ctx.orgId), eq(auditLogs.seq, seq)));
    return n && n.seq !== null ? { id: n.id, seq: n.seq } : null;
  };
  const patientIds = patientsOf(row);
  const named = patientIds.length
    ? await ctx.tx
        .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName })
        .from(patients)
        .where(and(eq(patients.organizationId, ctx.orgId), sql`${patients.id} = any(${uuidList(patientIds)})`))
    : [];
  const people = await directoryOf(ctx);
  await ctx.audit({ action: "view", resourceType: LOG_RESOURCE, resourceId: row.id, patientIds: named.map((p) => p.id) });
  return {
    ...view(row, people),
    metadata: row.metadata,
    resourceIds: row.resourceIds,
    patients: named.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` })),
    chain: {
      seq: row.seq,
      prevHash: row.prevHash,
      rowHash: row.rowHash,
      recomputedHash: found.recomputed,
      intact: found.recomputed === null ? null : found.recomputed === row.rowHash,
      previous: row.seq && row.seq > 1 ? await neighbour(row.seq - 1) : null,
      next: row.seq ? await neighbour(row.seq + 1) : null,
    },
  };
}

export type ChainVerification = {
  at: Date;
  trigger: "scheduled" | "on_demand";
  intact: boolean;
  rows: number;
  headSeq: number | null;
  headHash: string | null;
  firstBreak: { seq: number; reason: string; detail: string } | null;
  staleUnsealedRows: number;
};

function verificationFacts(report: ChainReport): Omit<ChainVerification, "at" | "trigger"> {
  return {
    intact: !chainFailed(report),
    rows: report.rows,
    headSeq: report.headSeq ?? null,
    headHash: report.headHash ?? null,
    firstBreak: report.firstBreak
      ? { seq: report.firstBreak.seq, reason: report.firstBreak.reason, detail: report.firstBreak.detail }
      : null,
    staleUnsealedRows: report.staleUnsealed?.rows ?? 0,
  };
}

function readVerification(row: Pick<AuditLog, "occurredAt" | "metadata">): ChainVerification | null {
  const m = row.metadata as Partial<ChainVerification> & { trigger?: string };
  if (m.trigger !== "scheduled" && m.trigger !== "on_demand") return null;
  return {
    at: row.occurredAt,
    trigger: m.trigger,
    intact: m.intact === true,
    rows: Number(m.rows ?? 0),
    headSeq: typeof m.headSeq === "number" ? m.headSeq : null,
    headHash: typeof m.headHash === "string" ? m.headHash : null,
    firstBreak: m.firstBreak ?? null,
    staleUnsealedRows: Number(m.staleUnsealedRows ?? 0),
  };
}

/** The newest recorded verification of each kind (scheduled by the worker, or asked for in the console). */
export async function lastVerifications(ctx: Pick<MemberContext, "tx" | "orgId">) {
  const latest = async (trigger: ChainVerification["trigger"]) => {
    const [row] = await ctx.tx
      .select({ occurredAt: auditLogs.occurredAt, metadata: auditLogs.metadata })
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, ctx.orgId),
          eq(auditLogs.resourceType, CHAIN_RESOURCE),
          sql`${auditLogs.metadata}->>'trigger' = ${trigger}`,
        ),
      )
      .orderBy(desc(auditLogs.occurredAt))
      .limit(1);
    return row ? readVerification(row) : null;
  };
  return { scheduled: await latest("scheduled"), onDemand: await latest("on_demand") };
}

/** What the console shows of the chain: the last results, without walking it. */
export async function chainStatus(ctx: MemberContext) {
  await assertFeature(ctx.tx, ctx.orgId, "audit_export");
  return lastVerifications(ctx);
}

/** Walks the chain now (committed rows), and records the result in it. */
export async function verifyChainNow(ctx: MemberContext): Promise<ChainVerification> {
  await assertFeature(ctx.tx, ctx.orgId, "audit_export");
  const facts = verificationFacts(await verifyChainIn(ctx.tx, ctx.orgId));
  await ctx.audit({
    action: "view",
    resourceType: CHAIN_RESOURCE,
    outcome: facts.intact ? "success" : "error",
    metadata: { trigger: "on_demand", ...facts },
  });
  return { at: new Date(), trigger: "on_demand", ...facts };
}

/**
 * The worker's scheduled verification: when the newest scheduled result of this organization is
 * older than `everyHours`, the chain is walked and the result recorded (by the system, in the
 * chain). One worker at a time per organization; returns whether it ran.
 */
export async function scheduledChainVerification(orgId: string, now: Date, everyHours: number): Promise<boolean> {
  return withTenant(orgId, async (tx) => {
    if (!(await tryJobLock(tx, orgId, "audit-verify"))) return false;
    const { scheduled } = await lastVerifications({ tx, orgId });
    if (scheduled && now.getTime() - scheduled.at.getTime() < everyHours * 3_600_000) return false;
    const facts = verificationFacts(await verifyChainIn(tx, orgId, { now }));
    await auditRepo(tx, orgId).record({
      actor: { type: "system" },
      action: "view",
      resourceType: CHAIN_RESOURCE,
      outcome: facts.intact ? "success" : "error",
      metadata: { trigger: "scheduled", ...facts },
    });
    return true;
  });
}

export type AuditExportFile = { filename: string; contentType: string; body: string; rows: number };

/**
 * Every sealed event of the chain from the first one on the range's first day to the last one on
 * its last day, in chain order (a contiguous run of seq, so the file can be verified on its own),
 * with the hashes. NDJSON: a header line, then one event per line; CSV: the same columns.
 */
export async function exportAuditRange(
  ctx: MemberContext,
  query: AuditExportQuery,
  timeZone: string,
  slug: string,
): Promise<AuditExportFile> {
  await assertFeature(ctx.tx, ctx.orgId, "audit_export");
  const range = and(eq(auditLogs.organizationId, ctx.orgId), ...rangeFilter(query.from, query.to, timeZone));
  const [bounds] = await ctx.tx
    .select({
      firstSeq: sql<number | null>`min(${auditLogs.seq})`.mapWith((v) => (v === null ? null : Number(v))),
      lastSeq: sql<number | null>`max(${auditLogs.seq})`.mapWith((v) => (v === null ? null : Number(v))),
      unsealed: sql<number>`count(*) filter (where ${auditLogs.seq} is null)`.mapWith(Number),
    })
    .from(auditLogs)
    .where(range);
  const firstSeq = bounds?.firstSeq ?? null;
  const lastSeq = bounds?.lastSeq ?? null;
  if (firstSeq !== null && lastSeq !== null && lastSeq - firstSeq + 1 > MAX_AUDIT_EXPORT_ROWS) {
    throw new ValidationError(
      `These days hold more than ${MAX_AUDIT_EXPORT_ROWS.toLocaleString("en-US")} events: export a shorter range, in parts.`,
      { to: ["Choose an earlier last day."] },
      "invalid:range_too_large",
    );
  }
  const rows: ExportedAuditRow[] =
    firstSeq === null || lastSeq === null
      ? []
      : (
          await ctx.tx
            .select({ row: auditLogs, micros: sql<string>`((extract(epoch from ${auditLogs.occurredAt}) * 1000000)::bigint)::text` })
            .from(auditLogs)
            .where(
              and(
                eq(auditLogs.organizationId, ctx.orgId),
                isNotNull(auditLogs.seq),
                gte(auditLogs.seq, firstSeq),
                lte(auditLogs.seq, lastSeq),
              ),
            )
            .orderBy(asc(auditLogs.seq))
        ).map(({ row, micros }) => ({
          organizationId: row.organizationId,
          seq: row.seq!,
          id: row.id,
          occurredAtMicros: Number(micros),
          occurredAt: row.occurredAt.toISOString(),
          actorUserId: row.actorUserId,
          actorType: row.actorType,
          actorRole: row.actorRole,
          action: row.action,
          resourceType: row.resourceType,
          resourceId: row.resourceId,
          patientId: row.patientId,
          patientIds: row.patientIds,
          resourceIds: row.resourceIds,
          outcome: row.outcome,
          requestId: row.requestId,
          ip: row.ip,
          userAgent: row.userAgent,
          metadata: row.metadata,
          prevHash: row.prevHash,
          rowHash: row.rowHash,
        }));
  const header: ExportHeader = {
    type: "agentcare-audit-export",
    version: 1,
    organizationId: ctx.orgId,
    from: query.from,
    to: query.to,
    exportedAt: new Date().toISOString(),
    rows: rows.length,
    firstSeq: rows[0]?.seq ?? null,
    lastSeq: rows.at(-1)?.seq ?? null,
    prevHash: rows[0]?.prevHash ?? null,
    headHash: rows.at(-1)?.rowHash ?? null,
    unsealedRows: bounds?.unsealed ?? 0,
  };
  await ctx.audit({
    action: "export",
    resourceType: LOG_RESOURCE,
    metadata: {
      from: query.from,
      to: query.to,
      format: query.format,
      rows: rows.length,
      firstSeq: header.firstSeq,
      lastSeq: header.lastSeq,
    },
  });
  const base = `audit-${slug}-${query.from}-to-${query.to}`;
  if (query.format === "csv")
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: auditCsv(rows), rows: rows.length };
  const body = [JSON.stringify(header), ...rows.map((r) => JSON.stringify(r))].join("\n") + "\n";
  return { filename: `${base}.ndjson`, contentType: "application/x-ndjson; charset=utf-8", body, rows: rows.length };
}

const CSV_COLUMNS = [
  "seq",
  "id",
  "occurred_at",
  "occurred_at_micros",
  "actor_type",
  "actor_user_id",
  "actor_role",
  "action",
  "resource_type",
  "resource_id",
  "patient_id",
  "patient_ids",
  "resource_ids",
  "outcome",
  "request_id",
  "ip",
  "user_agent",
  "metadata",
  "prev_hash",
  "row_hash",
] as const;

/** RFC 4180 with a header row; lists space-separated, metadata as JSON; text cells safe from spreadsheet formulas. */
function auditCsv(rows: ExportedAuditRow[]): string {
  const text = (v: string | null) => (v === null ? "" : safeCell(v));
  return stringify(
    rows.map((r) => [
      r.seq,
      r.id,
      r.occurredAt,
      r.occurredAtMicros,
      r.actorType,
      r.actorUserId ?? "",
      text(r.actorRole),
      r.action,
      text(r.resourceType),
      text(r.resourceId),
      r.patientId ?? "",
      r.patientIds.join(" "),
      text(r.resourceIds.join(" ")),
      r.outcome,
      text(r.requestId),
      text(r.ip),
      text(r.userAgent),
      safeCell(JSON.stringify(r.metadata)),
      r.prevHash,
      r.rowHash,
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: "\r\n" },
  );
}
