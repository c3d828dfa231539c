import type { Metadata } from "next";
import { hoursChanged, setupSteps } from "@/components/settings/setup-steps";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import type { OrganizationSettings } from "@/lib/db/schema";
import { DEFAULT_BUSINESS_HOURS, organizationSettings } from "@/lib/db/schema/organization-settings";
import { memberDirectory } from "@/lib/administration/member-directory";
import { organizationRepo } from "@/lib/organizations/repository";
import { providersRepo } from "@/lib/providers/repository";
import { todayIn } from "@/lib/time/calendar";
import { basePathFor } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";
import { loadAsStaff, requireStaff } from "@/lib/pipeline/staff-page";
import { SetupChecklist } from "./_components/setup-checklist";
import { TodaySchedule } from "./_components/today-schedule";

// Saved scheduling settings count as "business hours set" even when the defaults were kept.
const SAVED_AFTER_CREATION_MS = 60_000;
const SCHEDULING_FIELDS = [
  "enableOnlineBooking",
  "enableTelehealth",
  "defaultAppointmentDuration",
  "bookingHorizonDays",
  "minimumNoticeMinutes",
  "cancellationWindowHours",
] as const;

/** Someone has configured scheduling: hours or any setting differ from the column defaults, or they were saved. */
function schedulingConfigured(settings: OrganizationSettings, createdAt: Date): boolean {
  return (
    hoursChanged(settings.businessHours, DEFAULT_BUSINESS_HOURS) ||
    SCHEDULING_FIELDS.some((field) => settings[field] !== organizationSettings[field].default) ||
    settings.updatedAt.getTime() - createdAt.getTime() > SAVED_AFTER_CREATION_MS
  );
}

/** The setup checklist's facts, read through the same repositories as the settings APIs. */
async function loadSetup(org: string, createdAt: Date) {
  return loadAsStaff(org, "settings:manage", async ({ tx, orgId }) => {
    const repo = organizationRepo(tx, orgId);
    const settings = await repo.getSettings();
    const branding = await repo.getBranding();
    const providers = await providersRepo(tx, orgId).list({ activeOnly: true, limit: 1 });
    const types = await appointmentTypesRepo(tx, orgId).list({ activeOnly: true });
    const directory = await memberDirectory(tx, orgId);
    return setupSteps({
      businessHoursSet: schedulingConfigured(settings, createdAt),
      providers: providers.length,
      appointmentTypes: types.length,
      branding,
      members: directory.members.filter((m) => m.status !== "suspended").length,
      openInvitations: directory.invitations.length,
    });
  });
}

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const access = await requireStaff(org);
  if (access.status !== "ok") return null;
  const organization = access.tenant.organization;
  const today = todayIn(organization.timeZone);
  const settings = await loadAsStaff(org, null, (ctx) => organizationRepo(ctx.tx, ctx.orgId).getSettings());
  const displayName = access.session.user.name?.trim() ?? "";
  const steps = access.permissions.includes("settings:manage") ? await loadSetup(org, organization.createdAt) : [];
  const basePath = basePathFor(access.tenant.request, organization.slug);
  const showSetup = steps.some((s) => !s.done);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Welcome{displayName ? `, ${displayName}` : ""}</h1>
          <p className="text-sm text-slate-500">
            {new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeZone: organization.timeZone }).format(new Date())} ·{" "}
            {organization.timeZone.replace(/_/g, " ")}
          </p>
        </div>
        <p className="text-sm text-slate-500">
          Online booking {settings.enableOnlineBooking ? "on" : "off"} · Telehealth {settings.enableTelehealth ? "on" : "off"}
        </p>
      </div>
      {showSetup && <SetupChecklist steps={steps.map((s) => ({ ...s, target: tenantHref(basePath, s.href) }))} />}
      {access.permissions.includes("appointments:read") && <TodaySchedule date={today} />}
    </div>
  );
}
