import type { Metadata } from "next";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { providersRepo } from "@/lib/providers/repository";
import { todayIn } from "@/lib/time/calendar";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { ScheduleView } from "./_components/schedule-view";

export const metadata: Metadata = { title: "Schedule" };
export const dynamic = "force-dynamic";

export default async function SchedulePage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  const { providers, types, ownProviderId, businessHours } = await loadAsStaff(org, "appointments:read", async (ctx) => {
    const repo = providersRepo(ctx.tx, ctx.orgId);
    const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
    return {
      providers: (await repo.list({ activeOnly: true, limit: 200 })).map((p) => ({
        id: p.id,
        name: p.name,
        offersTelehealth: p.offersTelehealth,
      })),
      types: (await appointmentTypesRepo(ctx.tx, ctx.orgId).list({ activeOnly: true })).map((t) => ({
        id: t.id,
        name: t.name,
        durationMinutes: t.durationMinutes,
        telehealthAllowed: t.telehealthAllowed && settings.enableTelehealth,
      })),
      ownProviderId: ctx.actorUserId ? ((await repo.findByUser({ userId: ctx.actorUserId }))?.id ?? null) : null,
      businessHours: settings.businessHours,
    };
  });
  return (
    <ScheduleView
      today={todayIn(access.tenant.organization.timeZone)}
      providers={providers}
      types={types}
      ownProviderId={ownProviderId}
      clinicianView={access.membership.role === "clinician"}
      businessHours={businessHours}
    />
  );
}
