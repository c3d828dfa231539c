import { organizationRepo } from "@/lib/organizations/repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/organization — the current organization's public profile.
export const GET = tenantRoute({ permission: null }, async ({ ctx, organization }) => {
  const repo = organizationRepo(ctx.tx, ctx.orgId);
  const [branding, settings] = [await repo.getBranding(), await repo.getSettings()];
  return {
    data: {
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
    },
  };
});
