import "server-only";
import { and, asc, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import {
  appointments,
  locations,
  providerLocations,
  resources,
  type Location,
  type ProviderLocation,
  type Resource,
} from "@/lib/db/schema";
import { CHANGEABLE_STATUSES } from "@/lib/scheduling/status";
import { NotFoundError } from "@/lib/errors/app-error";

export type LocationInput = { name: string; address?: string | null; phone?: string | null; timeZone: string; active?: boolean };
export type ResourceInput = { locationId: string; name: string; kind: string; active?: boolean };

export function locationsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(locations.organizationId, orgId);
  return {
    /** Oldest first: the first active one is the organization's main location. */
    async list({ activeOnly = false }: { activeOnly?: boolean } = {}): Promise<Location[]> {
      return tx
        .select()
        .from(locations)
        .where(activeOnly ? and(inOrg, eq(locations.active, true)) : inOrg)
        .orderBy(asc(locations.createdAt), asc(locations.id));
    },
    async count(): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(locations).where(inOrg);
      return row?.n ?? 0;
    },
    /** `lock`: held to commit, so a booking at the location (which takes `holdOpen`) waits for the change. */
    async get({ id, lock = false }: { id: string; lock?: boolean }): Promise<Location> {
      const query = tx
        .select()
        .from(locations)
        .where(and(inOrg, eq(locations.id, id)));
      const [row] = lock ? await query.for("update") : await query;
      if (!row) throw new NotFoundError("location");
      return row;
    },
    /**
     * Whether the location is open, keeping it so until commit: a booking placed there takes this
     * shared lock, and closing the location (`get` with `lock`) waits for it, then counts the
     * visit; a booking that comes while it is being closed waits, then finds it closed.
     */
    async holdOpen({ id }: { id: string }): Promise<boolean> {
      const rows = await tx
        .select({ id: locations.id })
        .from(locations)
        .where(and(inOrg, eq(locations.id, id), eq(locations.active, true)))
        .for("share");
      return rows.length > 0;
    },
    /** Visits at the location still to come (scheduled or confirmed, starting from `now`). */
    async upcomingVisits({ id, now }: { id: string; now: Date }): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(appointments)
        .where(
          and(
            eq(appointments.organizationId, orgId),
            eq(appointments.locationId, id),
            gte(appointments.startsAt, now),
            inArray(appointments.status, [...CHANGEABLE_STATUSES]),
          ),
        );
      return row?.n ?? 0;
    },
    async create({ input }: { input: LocationInput }): Promise<Location> {
      const [row] = await tx
        .insert(locations)
        // The wall clock, not the transaction's start: locations added together still keep their order (the first is the main one).
        .values({ ...input, organizationId: orgId, createdAt: sql`clock_timestamp()` })
        .returning();
      return row!;
    },
    async update({ id, patch }: { id: string; patch: Partial<LocationInput> }): Promise<Location> {
      const [row] = await tx
        .update(locations)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(inOrg, eq(locations.id, id)))
        .returning();
      if (!row) throw new NotFoundError("location");
      return row;
    },
  };
}

export function resourcesRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(resources.organizationId, orgId);
  return {
    async list({ locationId, activeOnly = false }: { locationId?: string; activeOnly?: boolean } = {}): Promise<Resource[]> {
      const filters = [inOrg];
      if (locationId) filters.push(eq(resources.locationId, locationId));
      if (activeOnly) filters.push(eq(resources.active, true));
      return tx
        .select()
        .from(resources)
        .where(and(...filters))
        .orderBy(asc(resources.name), asc(resources.id));
    },
    async countAt({ locationId }: { locationId: string }): Promise<number> {
      const [row] = await tx
        .select({ n: count() })
        .from(resources)
        .where(and(inOrg, eq(resources.locationId, locationId)));
      return row?.n ?? 0;
    },
    async get({ id }: { id: string }): Promise<Resource> {
      const [row] = await tx
        .select()
        .from(resources)
        .where(and(inOrg, eq(resources.id, id)));
      if (!row) throw new NotFoundError("resource");
      return row;
    },
    /**
     * The active resources of a kind at a location, locked in id order: bookings that need the
     * same kind there take their turns (the exclusion constraint stays the final word).
     */
    async lockOfKind({ locationId, kind }: { locationId: string; kind: string }): Promise<Resource[]> {
      return tx
        .select()
        .from(resources)
        .where(and(inOrg, eq(resources.locationId, locationId), eq(resources.kind, kind), eq(resources.active, true)))
        .orderBy(asc(resources.id))
        .for("update");
    },
    async ofKind({ locationIds, kind }: { locationIds: string[]; kind: string }): Promise<Resource[]> {
      if (!locationIds.length) return [];
      return tx
        .select()
        .from(resources)
        .where(and(inOrg, inArray(resources.locationId, locationIds), eq(resources.kind, kind), eq(resources.active, true)))
        .orderBy(asc(resources.id));
    },
    async create({ input }: { input: ResourceInput }): Promise<Resource> {
      const [row] = await tx
        .insert(resources)
        .values({ ...input, organizationId: orgId })
        .returning();
      return row!;
    },
    async update({ id, patch }: { id: string; patch: Partial<Omit<ResourceInput, "locationId">> }): Promise<Resource> {
      const [row] = await tx
        .update(resources)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(inOrg, eq(resources.id, id)))
        .returning();
      if (!row) throw new NotFoundError("resource");
      return row;
    },
  };
}

export function providerLocationsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(providerLocations.organizationId, orgId);
  return {
    async all(): Promise<ProviderLocation[]> {
      return tx.select().from(providerLocations).where(inOrg);
    },
    async forProviders({ providerIds }: { providerIds: string[] }): Promise<ProviderLocation[]> {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(providerLocations)
        .where(and(inOrg, inArray(providerLocations.providerId, providerIds)))
        .orderBy(asc(providerLocations.weekday));
    },
    async replace({ providerId, days }: { providerId: string; days: { weekday: number; locationId: string }[] }): Promise<void> {
      await tx.delete(providerLocations).where(and(inOrg, eq(providerLocations.providerId, providerId)));
      if (days.length) {
        await tx
          .insert(providerLocations)
          .values(days.map((d) => ({ organizationId: orgId, providerId, weekday: d.weekday, locationId: d.locationId })));
      }
    },
  };
}
