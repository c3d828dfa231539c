import "server-only";
import { decodeCursor, encodeCursor, page } from "@/lib/pagination/cursor";
import type { AppointmentStatus, Organization } from "@/lib/db/schema";
import { providersRepo } from "@/lib/providers/repository";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { jsonArray, JsonText } from "@/lib/http/json-response";
import { appointmentsRepo, DETAILED_JSON_PAGE, type AppointmentFilters } from "./appointments-repository";
import { dayBounds, todayIn } from "@/lib/time/calendar";

export type DayAppointment = Awaited<ReturnType<ReturnType<typeof appointmentsRepo>["listDetailed"]>>[number];

export type AppointmentListQuery = {
  date?: string;
  from?: string;
  to?: string;
  providerId?: string;
  patientId?: string;
  /** Only visits at this location. */
  locationId?: string;
  /** Only visits holding this room or piece of equipment. */
  resourceId?: string;
  status?: AppointmentStatus[];
  limit?: number;
  cursor?: string;
};

/**
 * The signed-in member's appointments in the organization's time zone: clinicians see their own
 * schedule; front desk and admins see everyone's (or one provider's). A location or room narrows
 * either view; an id this organization does not have simply matches nothing. Audited per patient shown.
 */
export async function memberAppointments(ctx: MemberContext, organization: Organization, query: AppointmentListQuery) {
  const view = await viewOf(ctx, organization, query);
  if (!view.filters) return { ...view.answer, data: [] as DayAppointment[], nextCursor: null };
  const rows = await appointmentsRepo(ctx.tx, ctx.orgId).listDetailed(view.filters);
  const result = page(rows, view.limit, (r) => ({ startsAt: r.startsAt.toISOString(), id: r.id }));
  await auditShown(ctx, result.data);
  return { ...result, ...view.answer };
}

/**
 * memberAppointments for an API answer: the same view, audited the same way, with `data` as the
 * JSON text of its rows (written by the database), byte for byte what serializing
 * memberAppointments' rows gives.
 */
export async function memberAppointmentsDocument(ctx: MemberContext, organization: Organization, query: AppointmentListQuery) {
  const view = await viewOf(ctx, organization, query);
  if (!view.filters) return { ...view.answer, data: jsonArray([]), nextCursor: null };
  const repo = appointmentsRepo(ctx.tx, ctx.orgId);
  // One statement lists the page, writes the audit row of what it shows and joins the rows' JSON,
  // as the transaction's last statement, sent with COMMIT.
  const audit = ctx.listReadAudit("appointment", view.limit, DETAILED_JSON_PAGE);
  const pageRead = audit ? repo.listDetailedJsonPageLast(view.filters, audit) : null;
  if (pageRead) {
    const { json, listed, last } = await pageRead;
    const nextCursor = listed > view.limit && last ? encodeCursor({ startsAt: last.startsAt, id: last.id }) : null;
    return { ...view.answer, data: new JsonText(["[", json, "]"]), nextCursor };
  }
  // Where it cannot be sent that way: the rows, and their audit row written when the work ends.
  const rows = await repo.listDetailedJson(view.filters);
  const result = page(rows, view.limit, (r) => ({ startsAt: r.startsAt, id: r.id }));
  await auditShown(ctx, result.data);
  return { ...result, ...view.answer, data: jsonArray(result.data.map((r) => r.json)) };
}

/** What a list shows and how: its filters (none when a clinician has no provider record), page size and the answer's framing. */
async function viewOf(ctx: MemberContext, organization: Organization, query: AppointmentListQuery) {
  const tz = organization.timeZone;
  const firstDay = query.date ?? query.from ?? todayIn(tz);
  const lastDay = query.date ?? query.to ?? (query.from ? query.from : firstDay);
  const from = dayBounds(firstDay, tz).from;
  const to = dayBounds(lastDay, tz).to;
  const scope: "own" | "organization" = ctx.role === "clinician" && !query.patientId ? "own" : "organization";
  const answer = { scope, timeZone: tz, from: firstDay, to: lastDay };
  const limit = query.limit ?? 200;
  let providerId = query.providerId;
  if (scope === "own") {
    const own = ctx.actorUserId ? await providersRepo(ctx.tx, ctx.orgId).findByUser({ userId: ctx.actorUserId }) : undefined;
    if (!own) return { filters: null, limit, answer };
    providerId = own.id;
  }
  const after = decodeCursor<{ startsAt: string; id: string }>(query.cursor, ["startsAt", "id"]);
  const filters: AppointmentFilters = {
    from: query.patientId && !query.date && !query.from ? undefined : from,
    to: query.patientId && !query.date && !query.to ? undefined : to,
    providerId,
    patientId: query.patientId,
    locationId: query.locationId,
    resourceId: query.resourceId,
    status: query.status,
    after: after ? { startsAt: new Date(after.startsAt), id: after.id } : undefined,
    limit: limit + 1,
  };
  return { filters, limit, answer };
}

/** Viewing the listed appointments is audited per patient shown. */
function auditShown(ctx: MemberContext, shown: readonly { id: string; patientId: string }[]) {
  return ctx.auditPatients(
    "view",
    "appointment",
    shown.map((a) => ({ id: a.id, patientId: a.patientId })),
  );
}
