import "server-only";
import type { Organization } from "@/lib/db/schema";
import { providersRepo } from "@/lib/providers/repository";
import type { TenantContext } from "@/lib/tenancy/guard";
import { hasPermission } from "@/lib/tenancy/permissions";
import { appointmentsRepo } from "./appointments-repository";
import { dayBounds, todayIn } from "./time";

export type DayAppointment = Awaited<ReturnType<ReturnType<typeof appointmentsRepo>["listDetailed"]>>[number];

/**
 * The signed-in member's view of one day, in the organization's time zone: clinicians see their
 * own schedule; front desk and admins see everyone's (optionally one provider's). Audited per patient.
 */
export async function memberDayView(
  ctx: TenantContext,
  organization: Organization,
  { date, providerId }: { date?: string; providerId?: string },
): Promise<{ date: string; timeZone: string; scope: "own" | "organization"; appointments: DayAppointment[] }> {
  const day = date ?? todayIn(organization.timeZone);
  const { from, to } = dayBounds(day, organization.timeZone);
  let scope: "own" | "organization" = "organization";
  let filterProvider = providerId;
  if (ctx.role === "clinician" || !hasPermission(ctx.role, "providers:read")) {
    scope = "own";
    const own = await providersRepo(ctx.tx, ctx.orgId).findByUser({ userId: ctx.actor.userId });
    if (!own) return { date: day, timeZone: organization.timeZone, scope, appointments: [] };
    filterProvider = own.id;
  }
  const appointments = await appointmentsRepo(ctx.tx, ctx.orgId).listDetailed({ from, to, providerId: filterProvider });
  await ctx.auditPatients("view", "appointment", appointments.map((a) => ({ id: a.id, patientId: a.patientId })));
  return { date: day, timeZone: organization.timeZone, scope, appointments };
}
