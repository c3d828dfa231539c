import "server-only";
import type { Location, Resource } from "@/lib/db/schema";
import { ConflictError, ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { MAX_LOCATIONS, MAX_RESOURCES_PER_LOCATION } from "./limits";
import { locationsRepo, providerLocationsRepo, resourcesRepo, type LocationInput, type ResourceInput } from "./repository";

// Locations, their rooms and equipment, and where each provider works on each weekday: what the
// staff screens' actions and the /api/v1 handlers both call. Locations and resources are
// deactivated, never deleted (visits name them); names are unique per organization (locations)
// and per location (resources). A location is closed only once no visit is still to come there:
// closing it would leave patients booked at a place that no longer takes bookings.

export async function listLocations(ctx: ServiceContext, { activeOnly = false }: { activeOnly?: boolean } = {}): Promise<Location[]> {
  return locationsRepo(ctx.tx, ctx.orgId).list({ activeOnly });
}

export async function locationById(ctx: ServiceContext, id: string): Promise<Location> {
  return locationsRepo(ctx.tx, ctx.orgId).get({ id });
}

export async function createLocation(
  ctx: ServiceContext,
  input: Omit<LocationInput, "timeZone"> & { timeZone?: string },
): Promise<Location> {
  const repo = locationsRepo(ctx.tx, ctx.orgId);
  if ((await repo.count()) >= MAX_LOCATIONS) {
    throw new ValidationError(`An organization can have at most ${MAX_LOCATIONS} locations.`, undefined, "invalid:value");
  }
  const timeZone = input.timeZone ?? (await organizationRepo(ctx.tx, ctx.orgId).get()).timeZone;
  const row = await repo.create({ input: { ...input, timeZone } });
  await ctx.audit({ action: "create", resourceType: "location", resourceId: row.id });
  return row;
}

export async function updateLocation(
  ctx: ServiceContext,
  id: string,
  patch: Partial<LocationInput>,
  now: Date = new Date(),
): Promise<Location> {
  const repo = locationsRepo(ctx.tx, ctx.orgId);
  if (patch.active === false) {
    // Locked first: a booking there in flight commits before the count, and one after waits and finds it closed.
    const current = await repo.get({ id, lock: true });
    const upcoming = current.active ? await repo.upcomingVisits({ id, now }) : 0;
    if (upcoming > 0) {
      const visits = upcoming === 1 ? "1 upcoming appointment" : `${upcoming} upcoming appointments`;
      throw new ConflictError(
        "location_bookings",
        `${current.name} still has ${visits}. Move or cancel ${upcoming === 1 ? "it" : "them"} before closing the location.`,
      );
    }
  }
  const row = await repo.update({ id, patch });
  await ctx.audit({ action: "update", resourceType: "location", resourceId: id, metadata: { fields: Object.keys(patch).sort() } });
  return row;
}

export async function listResources(ctx: ServiceContext, filters: { locationId?: string; activeOnly?: boolean } = {}): Promise<Resource[]> {
  if (filters.locationId) await locationsRepo(ctx.tx, ctx.orgId).get({ id: filters.locationId });
  return resourcesRepo(ctx.tx, ctx.orgId).list(filters);
}

export async function resourceById(ctx: ServiceContext, id: string): Promise<Resource> {
  return resourcesRepo(ctx.tx, ctx.orgId).get({ id });
}

export async function createResource(ctx: ServiceContext, input: ResourceInput): Promise<Resource> {
  await locationsRepo(ctx.tx, ctx.orgId).get({ id: input.locationId });
  const repo = resourcesRepo(ctx.tx, ctx.orgId);
  if ((await repo.countAt({ locationId: input.locationId })) >= MAX_RESOURCES_PER_LOCATION) {
    throw new ValidationError(`A location can have at most ${MAX_RESOURCES_PER_LOCATION} rooms and equipment.`, undefined, "invalid:value");
  }
  const row = await repo.create({ input });
  await ctx.audit({ action: "create", resourceType: "resource", resourceId: row.id });
  return row;
}

export async function updateResource(
  ctx: ServiceContext,
  id: string,
  patch: Partial<Omit<ResourceInput, "locationId">>,
): Promise<Resource> {
  const row = await resourcesRepo(ctx.tx, ctx.orgId).update({ id, patch });
  await ctx.audit({ action: "update", resourceType: "resource", resourceId: id, metadata: { fields: Object.keys(patch).sort() } });
  return row;
}

export type ProviderWeek = { providerId: string; days: { weekday: number; locationId: string }[] };

/** Where a provider works on each weekday they have one set (the others: the main location). */
export async function providerWeek(ctx: ServiceContext, providerId: string): Promise<ProviderWeek> {
  await providersRepo(ctx.tx, ctx.orgId).get({ id: providerId });
  const rows = await providerLocationsRepo(ctx.tx, ctx.orgId).forProviders({ providerIds: [providerId] });
  return { providerId, days: rows.map((r) => ({ weekday: r.weekday, locationId: r.locationId })) };
}

/** Replaces a provider's week as a whole. Booked visits keep the location they were booked at. */
export async function setProviderWeek(
  ctx: ServiceContext,
  providerId: string,
  days: { weekday: number; locationId: string }[],
): Promise<ProviderWeek> {
  await providersRepo(ctx.tx, ctx.orgId).get({ id: providerId });
  const repo = locationsRepo(ctx.tx, ctx.orgId);
  for (const id of new Set(days.map((d) => d.locationId))) await repo.get({ id });
  await providerLocationsRepo(ctx.tx, ctx.orgId).replace({ providerId, days });
  await ctx.audit({ action: "update", resourceType: "provider", resourceId: providerId, metadata: { locations: days.length } });
  return { providerId, days: [...days].sort((a, b) => a.weekday - b.weekday) };
}
