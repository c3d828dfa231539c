import "server-only";
import type { Organization } from "@/lib/db/schema";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { organizationRepo } from "./repository";

/** What any member (or API key) may read about their organization: profile, branding, booking rules. */
export async function organizationOverview(ctx: Pick<ServiceContext, "tx" | "orgId">, organization: Organization) {
  const repo = organizationRepo(ctx.tx, ctx.orgId);
  const [branding, settings] = [await repo.getBranding(), await repo.getSettings()];
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    type: organization.type,
    address: organization.address,
    contactInfo: organization.contactInfo,
    timeZone: organization.timeZone,
    branding: {
      displayName: branding.displayName,
      logoUrl: branding.logoUrl,
      primaryColor: branding.primaryColor,
      accentColor: branding.accentColor,
    },
    booking: {
      enableOnlineBooking: settings.enableOnlineBooking,
      enableTelehealth: settings.enableTelehealth,
      defaultAppointmentDuration: settings.defaultAppointmentDuration,
      bookingHorizonDays: settings.bookingHorizonDays,
      minimumNoticeMinutes: settings.minimumNoticeMinutes,
      cancellationWindowHours: settings.cancellationWindowHours,
    },
  };
}
