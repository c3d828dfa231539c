import "server-only";
import { and, eq } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { withAuditedTenant } from "@/lib/audit/audited-tenant";
import { appointmentSeries } from "@/lib/db/schema";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { bookSeries, previewSeries } from "@/lib/scheduling/series";
import { seriesBookSchema, seriesPreviewSchema } from "@/lib/scheduling/series-schemas";
import { PERMISSIONS } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import type { DemoOrg, DemoSeries } from "./data";

const SYSTEM = { type: "system" as const, role: "seed" };
const SEED_REQUEST = { requestId: "seed" };

/**
 * The first visit's day: the series' weekday a week from today at the earliest, and after the
 * fortnight of demo visits around today (seed.ts fills today-7 … today+7), so none of them is in its way.
 */
export function seriesStartDate(today: Temporal.PlainDate, weekday: number): Temporal.PlainDate {
  const earliest = today.add({ days: 8 });
  return earliest.add({ days: (weekday - earliest.dayOfWeek + 7) % 7 });
}

/**
 * The demo's weekly series, once: previewed and booked through the scheduling service as staff
 * book one (the visits a preview finds taken are left out, as staff would). Its patient already
 * having a series with that provider and type means an earlier seed booked it.
 */
export async function ensureSeries(orgId: string, demo: DemoOrg): Promise<boolean> {
  if (!demo.series) return false;
  const plan: DemoSeries = demo.series;
  return withAuditedTenant({ orgId, actor: SYSTEM, request: SEED_REQUEST }, async (tx, writers) => {
    const [patient] = await patientsRepo(tx, orgId).search({ query: plan.patientMrn, limit: 1 });
    const licence = demo.providers.find((p) => p.key === plan.provider)?.licenseNumber;
    const provider = (await providersRepo(tx, orgId).list()).find((p) => p.licenseNumber === licence);
    const type = (await appointmentTypesRepo(tx, orgId).list()).find((t) => t.name === plan.type);
    if (!patient || !provider || !type) return false;

    const [existing] = await tx
      .select({ id: appointmentSeries.id })
      .from(appointmentSeries)
      .where(
        and(
          eq(appointmentSeries.organizationId, orgId),
          eq(appointmentSeries.patientId, patient.id),
          eq(appointmentSeries.providerId, provider.id),
          eq(appointmentSeries.appointmentTypeId, type.id),
        ),
      )
      .limit(1);
    if (existing) return false;

    // The seed acts as the hospital would: a member allowed to book for any patient.
    const ctx: MemberContext = {
      tx,
      orgId,
      actor: { type: "operator", userId: null },
      actorUserId: null,
      role: "owner",
      permissions: PERMISSIONS,
      request: SEED_REQUEST,
      ...writers,
    };
    const today = Temporal.Now.plainDateISO(demo.timeZone);
    const input = seriesPreviewSchema.parse({
      patientId: patient.id,
      providerId: provider.id,
      appointmentTypeId: type.id,
      mode: "in_person",
      startDate: seriesStartDate(today, plan.weekday).toString(),
      startTime: plan.time,
      rule: { intervalWeeks: 1, count: plan.visits },
    });
    const preview = await previewSeries(ctx, input);
    const starts = preview.visits.filter((v) => v.free).map((v) => v.startsAt);
    if (!starts.length) return false;
    await bookSeries(ctx, seriesBookSchema.parse({ ...input, starts, reason: plan.reason }));
    return true;
  });
}
