import "server-only";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { locationsRepo, resourcesRepo } from "@/lib/locations/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { telehealthAvailable, telehealthOffered } from "./telehealth";

/**
 * What the staff schedule offers: active providers, active types (each with the providers a video
 * visit of it can be booked with — the organization's setting, its plan, the type and the provider
 * all decide), the business hours the grid spans, the signed-in member's own provider, and the
 * active locations (main one first) with their active rooms and equipment for the room columns.
 */
export async function scheduleOptions(ctx: MemberContext) {
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [organization, settings] = [await orgRepo.get(), await orgRepo.getSettings()];
  const offering = { plan: organization.plan, enableTelehealth: settings.enableTelehealth };
  const repo = providersRepo(ctx.tx, ctx.orgId);
  const providers = await repo.list({ activeOnly: true, limit: 200 });
  const types = await appointmentTypesRepo(ctx.tx, ctx.orgId).list({ activeOnly: true });
  const own = ctx.actorUserId ? await repo.findByUser({ userId: ctx.actorUserId }) : undefined;
  const locations = await locationsRepo(ctx.tx, ctx.orgId).list({ activeOnly: true });
  const active = new Set(locations.map((l) => l.id));
  const resources = (await resourcesRepo(ctx.tx, ctx.orgId).list({ activeOnly: true })).filter((r) => active.has(r.locationId));
  return {
    providers: providers.map((p) => ({ id: p.id, name: p.name })),
    types: types.map((t) => ({
      id: t.id,
      name: t.name,
      durationMinutes: t.durationMinutes,
      telehealthProviderIds: providers.filter((p) => telehealthOffered(offering, t, p)).map((p) => p.id),
    })),
    ownProviderId: own?.id ?? null,
    businessHours: settings.businessHours,
    locations: locations.map((l) => ({ id: l.id, name: l.name })),
    rooms: resources.map((r) => ({ id: r.id, name: r.name, kind: r.kind, locationId: r.locationId })),
  };
}

/** Whether patients can book online and whether video visits are offered (the setting and the plan). */
export async function bookingChannels(ctx: ServiceContext) {
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [organization, settings] = [await orgRepo.get(), await orgRepo.getSettings()];
  return {
    onlineBooking: settings.enableOnlineBooking,
    telehealth: telehealthAvailable({ plan: organization.plan, enableTelehealth: settings.enableTelehealth }),
  };
}

export type ScheduleOptions = Awaited<ReturnType<typeof scheduleOptions>>;
export type ProviderOption = ScheduleOptions["providers"][number];
export type TypeOption = ScheduleOptions["types"][number];
export type LocationOption = ScheduleOptions["locations"][number];
export type RoomOption = ScheduleOptions["rooms"][number];
