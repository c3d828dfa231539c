import "server-only";
import { hoursChanged, setupSteps } from "./setup-steps";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import type { OrganizationSettings } from "@/lib/db/schema";
import { DEFAULT_BUSINESS_HOURS, organizationSettings } from "@/lib/db/schema/organization-settings";
import { organizationRepo } from "@/lib/organizations/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { memberDirectory } from "./member-directory";

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
export function schedulingConfigured(settings: OrganizationSettings, createdAt: Date): boolean {
  return (
    hoursChanged(settings.businessHours, DEFAULT_BUSINESS_HOURS) ||
    SCHEDULING_FIELDS.some((field) => settings[field] !== organizationSettings[field].default) ||
    settings.updatedAt.getTime() - createdAt.getTime() > SAVED_AFTER_CREATION_MS
  );
}

/** The new organization's setup steps, from the same records the settings screens change. */
export async function setupChecklist(ctx: ServiceContext) {
  const repo = organizationRepo(ctx.tx, ctx.orgId);
  const [organization, settings, branding] = [await repo.get(), await repo.getSettings(), await repo.getBranding()];
  const providers = await providersRepo(ctx.tx, ctx.orgId).list({ activeOnly: true, limit: 1 });
  const types = await appointmentTypesRepo(ctx.tx, ctx.orgId).list({ activeOnly: true });
  const directory = await memberDirectory(ctx.tx, ctx.orgId);
  return setupSteps({
    businessHoursSet: schedulingConfigured(settings, organization.createdAt),
    providers: providers.length,
    appointmentTypes: types.length,
    branding,
    members: directory.members.filter((m) => m.status !== "suspended").length,
    openInvitations: directory.invitations.length,
  });
}

export type SetupChecklist = Awaited<ReturnType<typeof setupChecklist>>;
