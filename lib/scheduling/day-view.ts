import "server-only";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import type { AppointmentStatus, Organization } from "@/lib/db/schema";
import { providersRepo } from "@/lib/providers/repository";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { appointmentsRepo } from "./appointments-repository";
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
  const tz = organization.timeZone;
  const firstDay = query.date ?? query.from ?? todayIn(tz);
  const lastDay = query.date ?? query.to ?? (query.from ? query.from : firstDay);
  const from = dayBounds(firstDay, tz).from;
  const to = dayBounds(lastDay, tz).to;
  let scope: "own" | "organization" = "organization";
  let providerId = query.providerId;
  if (ctx.role === "clinician" && !query.patientId) {
    scope = "own";
    const own = ctx.actorUserId ? await providersRepo(ctx.tx, ctx.orgId).findByUser({ userId: ctx.actorUserId }) : undefined;
    if (!own) return { data: [] as DayAppointment[], nextCursor: null, scope, timeZone: tz, from: firstDay, to: lastDay };
    providerId = own.id;
  }
  const limit = query.limit ?? 200;
  const after = decodeCursor<{ startsAt: string; id: string }>(query.cursor, ["startsAt", "id"]);
  const rows = await appointmentsRepo(ctx.tx, ctx.orgId).listDetailed({
    from: query.patientId && !query.date && !query.from ? undefined : from,
    to: query.patientId && !query.date && !query.to ? undefined : to,
    providerId,
    patientId: query.patientId,
    locationId: query.locationId,
    resourceId: query.resourceId,
    status: query.status,
    after: after ? { startsAt: new Date(after.startsAt), id: after.id } : undefined,
    limit: limit + 1,
  });
  const result = page(rows, limit, (r) => ({ startsAt: r.startsAt.toISOString(), id: r.id }));
  await ctx.auditPatients(
    "view",
    "appointment",
    result.data.map((a) => ({ id: a.id, patientId: a.patientId })),
  );
  return { ...result, scope, timeZone: tz, from: firstDay, to: lastDay };
}
