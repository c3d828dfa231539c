import "server-only";
import { and, desc, eq, gte, inArray, isNotNull, lt, or, arrayOverlaps, sql } from "drizzle-orm";
import { organizationSiteUrl, signLinkToken, verifyLinkToken } from "@/lib/auth/links";
import { auditLogs, notifications, patients, type AuditLog, type Organization } from "@/lib/db/schema";
import type { PatientLanguage } from "@/lib/i18n/locales";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { accessReportEmail } from "@/lib/notifications/compose";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { dayBounds, todayIn } from "@/lib/time/calendar";
import { addDays } from "@/lib/time/wall-clock";
import { anchorSettings, readAnchorFile } from "./anchor-store";
import type { AuditAnchor } from "./anchor";
import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from "./limits";
import { daysBetween } from "./schemas";
import { lastVerifications } from "./console";

// A patient's own access report. Anyone may ask on the hospital's site for the report of an e-mail
// address; the answer on the page is the same whoever the address belongs to, and the same work is
// done either way: one e-mail to that address. When the hospital has a patient record with it, the
// e-mail holds a signed link (valid for a day) to the record's report; otherwise it says there is
// nothing to report. Only whoever reads that mailbox learns anything.
//
// The report lists every audit event that names the patient's record (or a record merged into it)
// in a chosen period: when, who (staff by name and role), what, and each event's place in the
// hash chain (seq, previous hash, own hash). With it comes the chain's head, the last verification
// of the whole chain and, where the chain is anchored, the newest signed anchor: an auditor holding
// the hospital's export of the same period can confirm offline that the listed rows are in the
// chain as shown and that no other row of the period names the patient
// (`npm run audit:verify -- --file <export> --report <report>`).

export const ACCESS_REPORT_PURPOSE = "access-report";
const LATEST_TIMESTAMP = Date.UTC(9999, 11, 31);
const LINK_HOURS = 24;
/** Newest events a report lists; an older remainder is counted and reached by a shorter period. */
export const MAX_REPORT_EVENTS = 1000;
/** E-mails per address and hour, whatever the answer: asking again later sends nothing more. */
const MAILS_PER_ADDRESS_HOUR = 3;

/** Per address and minute within the organization: the request form and its REST twin share it. */
export const ACCESS_REPORT_REQUEST_LIMIT = { route: "/api/v1/public/access-reports", limit: 5 } as const;
/** Per address and minute: opening a report (the page reads it through the same endpoint). */
export const ACCESS_REPORT_READ_LIMIT = 20;

export const ACCESS_REPORT_REQUESTED_MESSAGE =
  "If this hospital has a patient record with that e-mail address, a link to its access report is on its way there. The link works for 24 hours.";

const INVALID_LINK = "This link is not valid or has expired. Ask for a new access report.";
/** Audit events of a patient's access report (the request, and each time it is opened). */
export const ACCESS_REPORT_RESOURCE = "access_report";

/** The link in the e-mail: it names the record, the hospital and when it stops working. */
export function accessReportUrl(orgSlug: string, orgId: string, patientId: string, now = new Date()): string {
  const token = signLinkToken({
    purpose: ACCESS_REPORT_PURPOSE,
    orgId,
    id: patientId,
    expiresAt: new Date(now.getTime() + LINK_HOURS * 3_600_000),
  });
  return organizationSiteUrl(orgSlug, `/access-report/${token}`);
}

/** Whether the address may get another access-report e-mail this hour (counted in the outbox, so every instance agrees). */
async function mailAllowed(ctx: ServiceContext, email: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ sent: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.organizationId, ctx.orgId),
        eq(notifications.toEmail, email),
        eq(notifications.kind, "access_report"),
        gte(notifications.createdAt, sql`now() - interval '1 hour'`),
      ),
    );
  return (row?.sent ?? 0) < MAILS_PER_ADDRESS_HOUR;
}

/**
 * Someone asked for the access report of `email`. One answer, one e-mail (to that address) and one
 * audit row whatever the address is; the e-mail holds the report's link when a record has it.
 */
export async function requestAccessReport(
  ctx: ServiceContext & { organization: Organization },
  input: { email: string; language?: PatientLanguage },
): Promise<{ requested: true; message: string }> {
  const email = input.email.trim().toLowerCase();
  const { displayName } = await organizationRepo(ctx.tx, ctx.orgId).getBranding();
  const patient = await patientsRepo(ctx.tx, ctx.orgId).findActiveByEmail({ email });
  const sending = await mailAllowed(ctx, email);
  if (sending) {
    const mail = accessReportEmail({
      organizationName: displayName,
      language: patient?.preferredLanguage ?? input.language,
      record: patient
        ? { firstName: patient.firstName, url: accessReportUrl(ctx.organization.slug, ctx.orgId, patient.id), hours: LINK_HOURS }
        : null,
    });
    await outboxRepo(ctx.tx, ctx.orgId).enqueue({ kind: "access_report", toEmail: email, subject: mail.subject, bodyText: mail.text });
  }
  await ctx.audit({
    action: "create",
    resourceType: ACCESS_REPORT_RESOURCE,
    patientId: patient?.id ?? null,
    metadata: { stage: "requested", mailed: sending },
  });
  return { requested: true, message: ACCESS_REPORT_REQUESTED_MESSAGE };
}

export type AccessReportActor = {
  /** staff: a member of the hospital; integration: a system through an API key; you: the patient's own links; system: automatic work; website: an anonymous visitor. */
  kind: "staff" | "integration" | "you" | "system" | "website";
  name: string | null;
  role: string | null;
};

export type AccessReportEvent = {
  occurredAt: string;
  actor: AccessReportActor;
  action: AuditLog["action"];
  resourceType: string;
  /** Records a read showed at once (a day's list shows several patients). */
  records: number;
  outcome: AuditLog["outcome"];
  /** The event's place in the chain; null while it waits for its seal (seconds, normally). */
  seq: number | null;
  prevHash: string | null;
  rowHash: string | null;
};

export type AccessReport = {
  organization: { id: string; name: string; timeZone: string };
  patient: { firstName: string; recordIds: string[] };
  /** First and last day in the hospital's time zone, and the instants they span. */
  period: { from: string; to: string; startsAt: string; endsAt: string };
  events: AccessReportEvent[];
  /** Events in the period beyond the newest MAX_REPORT_EVENTS (a shorter period shows them). */
  notShown: number;
  chain: {
    head: { seq: number; hash: string } | null;
    /** The last full walk of the chain (scheduled, or asked for by staff). */
    lastVerification: { at: string; intact: boolean; rows: number; headSeq: number | null } | null;
    /** The newest signed chain head outside the database, where the hospital's chain is anchored. */
    anchor: AuditAnchor | null;
  };
  generatedAt: string;
};

/** The record a link names, followed through merges, and every record merged into it. */
async function recordsOf(ctx: ServiceContext, patientId: string) {
  const repo = patientsRepo(ctx.tx, ctx.orgId);
  let record = await repo.find({ id: patientId });
  for (let hops = 0; record && record.recordStatus === "merged" && record.mergedIntoId && hops < 10; hops += 1) {
    record = await repo.find({ id: record.mergedIntoId });
  }
  if (!record || (record.recordStatus !== "active" && record.recordStatus !== "review")) return null;
  const ids = new Set([record.id]);
  let frontier = [record.id];
  for (let depth = 0; frontier.length && depth < 10; depth += 1) {
    const merged = await ctx.tx
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.organizationId, ctx.orgId), inArray(patients.mergedIntoId, frontier)));
    frontier = merged.map((m) => m.id).filter((id) => !ids.has(id));
    frontier.forEach((id) => ids.add(id));
  }
  return { record, ids: [...ids] };
}

function period(query: { from?: string; to?: string }, timeZone: string): { from: string; to: string } {
  const today = todayIn(timeZone);
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(DEFAULT_REPORT_DAYS - 1));
  if (from > to) throw new ValidationError("The first day is after the last day.", { from: ["The first day is after the last day."] });
  if (daysBetween(from, to) > MAX_REPORT_DAYS) {
    throw new ValidationError(`A report covers at most ${MAX_REPORT_DAYS} days.`, { from: [`Choose at most ${MAX_REPORT_DAYS} days.`] });
  }
  return { from, to };
}

function actorOf(row: AuditLog, names: Map<string, string>): AccessReportActor {
  switch (row.actorType) {
    case "user":
      return { kind: "staff", name: (row.actorUserId && names.get(row.actorUserId)) || null, role: row.actorRole };
    case "api_key":
      return { kind: "integration", name: null, role: row.actorRole };
    case "patient":
      return { kind: "you", name: null, role: null };
    case "system":
      return { kind: "system", name: null, role: null };
    default:
      return { kind: "website", name: null, role: null };
  }
}

async function newestAnchor(orgId: string): Promise<AuditAnchor | null> {
  const settings = anchorSettings();
  if (!settings) return null;
  const { anchors } = await readAnchorFile(settings.dir, orgId);
  return anchors.at(-1) ?? null;
}

/**
 * The report a link opens, for a period of days in the hospital's time zone (the last 90 days
 * unless asked). Opening it is recorded, naming the patient. An invalid, expired or foreign link,
 * or a record that is gone, is 404.
 */
export async function openAccessReport(
  ctx: ServiceContext & { organization: Organization },
  token: string,
  query: { from?: string; to?: string },
): Promise<AccessReport> {
  const claims = verifyLinkToken(token, ACCESS_REPORT_PURPOSE);
  if (!claims || claims.orgId !== ctx.orgId) throw new NotFoundError("patient", INVALID_LINK);
  const found = await recordsOf(ctx, claims.id);
  if (!found) throw new NotFoundError("patient", INVALID_LINK);
  const timeZone = ctx.organization.timeZone;
  const { displayName } = await organizationRepo(ctx.tx, ctx.orgId).getBranding();
  const days = period(query, timeZone);
  const start = dayBounds(days.from, timeZone).from;
  const end = dayBounds(days.to, timeZone).to;
  const names = found.ids;
  const where = and(
    eq(auditLogs.organizationId, ctx.orgId),
    or(inArray(auditLogs.patientId, names), arrayOverlaps(auditLogs.patientIds, names)),
    gte(auditLogs.occurredAt, start),
    // The day after 9999-12-31 is past what a timestamp holds: nothing is later, so no bound is needed.
    end.getTime() < LATEST_TIMESTAMP ? lt(auditLogs.occurredAt, end) : undefined,
  );
  // The head first: a row sealed while the events are read gets a number past it, so every sealed
  // row up to the head is listed with its number (what an auditor's check relies on).
  const [head] = await ctx.tx
    .select({ seq: auditLogs.seq, hash: auditLogs.rowHash })
    .from(auditLogs)
    .where(and(eq(auditLogs.organizationId, ctx.orgId), isNotNull(auditLogs.seq)))
    .orderBy(desc(auditLogs.seq))
    .limit(1);
  const rows = await ctx.tx
    .select()
    .from(auditLogs)
    .where(where)
    .orderBy(desc(auditLogs.occurredAt), desc(auditLogs.id))
    .limit(MAX_REPORT_EVENTS);
  const [{ total } = { total: 0 }] = await ctx.tx
    .select({ total: sql<number>`count(*)::int` })
    .from(auditLogs)
    .where(where);
  const staff = await ctx.tx.execute<{ user_id: string; name: string }>(sql`select user_id, name from public.tenant_member_directory()`);
  const staffNames = new Map(staff.map((s) => [s.user_id, s.name]));
  const verifications = await lastVerifications(ctx);
  const last = [verifications.scheduled, verifications.onDemand]
    .filter((v) => v !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  await ctx.audit({
    action: "view",
    resourceType: ACCESS_REPORT_RESOURCE,
    patientId: found.record.id,
    patientIds: found.ids,
    metadata: { stage: "opened", from: days.from, to: days.to, shown: rows.length },
  });
  return {
    organization: { id: ctx.orgId, name: displayName, timeZone },
    patient: { firstName: found.record.firstName, recordIds: found.ids },
    period: { ...days, startsAt: start.toISOString(), endsAt: end.toISOString() },
    events: rows.map((row) => ({
      occurredAt: row.occurredAt.toISOString(),
      actor: actorOf(row, staffNames),
      action: row.action,
      resourceType: row.resourceType,
      records: Math.max(1, row.resourceIds.length),
      outcome: row.outcome,
      seq: row.seq,
      prevHash: row.seq === null ? null : row.prevHash,
      rowHash: row.seq === null ? null : row.rowHash,
    })),
    notShown: Math.max(0, total - rows.length),
    chain: {
      head: head && head.seq !== null ? { seq: head.seq, hash: head.hash } : null,
      lastVerification: last ? { at: last.at.toISOString(), intact: last.intact, rows: last.rows, headSeq: last.headSeq } : null,
      anchor: await newestAnchor(ctx.orgId),
    },
    generatedAt: new Date().toISOString(),
  };
}
