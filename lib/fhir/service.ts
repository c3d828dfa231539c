import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { providers, type Appointment, type AppointmentType, type Location, type Organization, type Provider } from "@/lib/db/schema";
import type { AppointmentMode } from "@/lib/db/schema/enum-values";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { locationsRepo, providerLocationsRepo } from "@/lib/locations/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { findSlots, MAX_RANGE_DAYS } from "@/lib/scheduling/availability";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { selectionQuery } from "@/lib/scheduling/booking-steps";
import { placementFrom, sitesOf, weekOf } from "@/lib/scheduling/placement";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { todayIn } from "@/lib/time/calendar";
import { capabilityStatement } from "./capability";
import { isUuid, parseScheduleId, parseSlotId, SITE_LOCATION_ID } from "./ids";
import { fhirRepo } from "./repository";
import * as map from "./resources";
import type { FhirResource, ScheduleRow, SlotRow } from "./resources";
import { booleanToken, matchesString, referencedIds, wantedIds, type FhirType, type Range, type Search } from "./search";

// The FHIR R4 read API over an organization's records, inside its tenant transaction (RLS-bound
// like every other service). Practitioners, locations and schedules are few and read whole;
// appointments and patients are searched in the database; slots are computed with the same rules
// as booking (staff rules for API callers, the patient's online rules for the public directory
// feed), so every free slot served can be booked.

export type FhirSite = { organization: Organization; base: string };

const DAY = 86_400_000;
const DEFAULT_SLOT_DAYS = 7;
/** Slot search reads a day either side of the range (local days), within what one slot search may cover. */
export const MAX_SLOT_SEARCH_DAYS = MAX_RANGE_DAYS - 2;
/** How far ahead the public directory feed lists free slots. */
export const PUBLISHED_SLOT_DAYS = 28;

const within = (at: Date, range: Range | undefined) => !range || ((!range.from || at >= range.from) && (!range.to || at < range.to));

/** A searchset Bundle of the requested page of everything matched in memory, its total counting them all. */
function pagedBundle<T>(base: string, search: Search, matched: T[], toResource: (row: T) => FhirResource): FhirResource {
  const shown = matched.slice(search.offset, search.offset + search.count);
  return bundle(base, search, matched.length, shown.map(toResource));
}

/** A searchset Bundle, with self and next links in the canonical base. */
export function bundle(base: string, search: Search, total: number, resources: FhirResource[]): FhirResource {
  const link = (offset: number) => {
    const params = new URLSearchParams(search.given);
    params.set("_count", String(search.count));
    if (offset) params.set("_offset", String(offset));
    return `${base}/${search.type}?${params.toString()}`;
  };
  const next = search.offset + search.count;
  return {
    resourceType: "Bundle",
    type: "searchset",
    total,
    link: [
      { relation: "self", url: link(search.offset) },
      ...(search.count > 0 && next < total ? [{ relation: "next", url: link(next) }] : []),
    ],
    ...(resources.length
      ? {
          entry: resources.map((resource) => ({
            fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
            resource,
            search: { mode: "match" },
          })),
        }
      : {}),
  };
}

// ───────────── what the organization's schedules are made of ─────────────

async function scheduleFacts(ctx: ServiceContext) {
  const [allProviders, locations, types, placementRows] = await Promise.all([
    fhirRepo(ctx.tx, ctx.orgId).providersByName(),
    locationsRepo(ctx.tx, ctx.orgId).list(),
    appointmentTypesRepo(ctx.tx, ctx.orgId).list(),
    providerLocationsRepo(ctx.tx, ctx.orgId).all(),
  ]);
  const offered = await providerAvailabilityRepo(ctx.tx, ctx.orgId).offeredTypes({ providerIds: allProviders.map((p) => p.id) });
  const placement = placementFrom(
    locations.filter((l) => l.active),
    placementRows,
  );
  return { providers: allProviders, locations, types, offered, placement };
}

type ScheduleFacts = Awaited<ReturnType<typeof scheduleFacts>>;

function typesOffered(facts: ScheduleFacts, provider: Provider, filter: (t: AppointmentType) => boolean): AppointmentType[] {
  const listed = facts.offered.filter((o) => o.providerId === provider.id).map((o) => o.appointmentTypeId);
  return facts.types.filter((t) => t.active && filter(t) && (listed.length === 0 || listed.includes(t.id)));
}

/** Each provider at each place they work (their organization's site where it has no locations). */
function schedules(facts: ScheduleFacts, typeFilter: (t: AppointmentType) => boolean = () => true): ScheduleRow[] {
  return facts.providers.flatMap((provider) => {
    const week = weekOf(facts.placement, provider.id);
    const places = week ? sitesOf(week).map((s) => s.location) : [null];
    const types = typesOffered(facts, provider, typeFilter);
    return places.map((place) => ({ provider, location: place, types }));
  });
}

// ───────────── slots ─────────────

async function modesFor(ctx: ServiceContext, type: AppointmentType): Promise<AppointmentMode[]> {
  if (!type.telehealthAllowed) return ["in_person"];
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  return settings.enableTelehealth ? ["in_person", "telehealth"] : ["in_person"];
}

/**
 * Free slots of the given types (and providers), between two instants, by staff or online rules.
 * A type or mode the organization does not offer (or its plan lacks) simply has no slots.
 */
async function freeSlots(
  ctx: ServiceContext,
  opts: { types: AppointmentType[]; providerId?: string; from: Date; to: Date; online: boolean; timeZone: string },
): Promise<SlotRow[]> {
  const fromDate = todayIn(opts.timeZone, new Date(opts.from.getTime() - DAY));
  const toDate = todayIn(opts.timeZone, new Date(opts.to.getTime() + DAY));
  const rows: SlotRow[] = [];
  for (const type of opts.types) {
    for (const mode of await modesFor(ctx, type)) {
      try {
        const { slots } = await findSlots(ctx.tx, ctx.orgId, {
          appointmentTypeId: type.id,
          providerId: opts.providerId,
          mode,
          fromDate,
          toDate,
          online: opts.online,
          eachProvider: true,
        });
        for (const s of slots) {
          if (s.startsAt >= opts.from && s.startsAt < opts.to) {
            rows.push({ providerId: s.providerId, locationId: s.locationId ?? null, type, mode, startsAt: s.startsAt, endsAt: s.endsAt });
          }
        }
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
      }
    }
  }
  return rows.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || a.type.name.localeCompare(b.type.name) || a.providerId.localeCompare(b.providerId),
  );
}

function slotRange(search: Search, now: Date): { from: Date; to: Date } {
  const range = search.dates.get("start");
  const from = range?.from && range.from > now ? range.from : (range?.from ?? now);
  const to = range?.to ?? new Date(from.getTime() + DEFAULT_SLOT_DAYS * DAY);
  if (to.getTime() - from.getTime() > MAX_SLOT_SEARCH_DAYS * DAY) {
    throw new ValidationError(
      `start: search at most ${MAX_SLOT_SEARCH_DAYS} days of slots at once.`,
      { start: ["Choose a shorter range."] },
      "invalid:search",
    );
  }
  return { from, to };
}

// ───────────── read ─────────────

const UNKNOWN = (type: FhirType) => new NotFoundError(type === "Schedule" ? "schedule" : type === "Slot" ? "slot" : resourceOf(type));

function resourceOf(type: FhirType) {
  switch (type) {
    case "Practitioner":
      return "provider" as const;
    case "Location":
      return "location" as const;
    case "Appointment":
      return "appointment" as const;
    default:
      return "patient" as const;
  }
}

export async function readFhir(ctx: ServiceContext, site: FhirSite, type: FhirType, id: string): Promise<FhirResource> {
  switch (type) {
    case "Practitioner": {
      if (!isUuid(id)) throw UNKNOWN(type);
      const row = await providersRepo(ctx.tx, ctx.orgId).find({ id });
      if (!row) throw UNKNOWN(type);
      return map.practitioner(row);
    }
    case "Location": {
      const locations = await locationsRepo(ctx.tx, ctx.orgId).list();
      if (id === SITE_LOCATION_ID && !locations.some((l) => l.active)) return siteOf(ctx, site);
      const row = locations.find((l) => l.id === id);
      if (!row) throw UNKNOWN(type);
      return map.location(row, site.organization);
    }
    case "Schedule": {
      const key = parseScheduleId(id);
      if (!key) throw UNKNOWN(type);
      const found = schedules(await scheduleFacts(ctx)).find(
        (s) => s.provider.id === key.providerId && (s.location?.id ?? null) === key.locationId,
      );
      if (!found) throw UNKNOWN(type);
      return map.schedule(found);
    }
    case "Slot": {
      const key = parseSlotId(id);
      if (!key) throw UNKNOWN(type);
      const types = (await appointmentTypesRepo(ctx.tx, ctx.orgId).list()).filter((t) => t.id === key.appointmentTypeId && t.active);
      const provider = await providersRepo(ctx.tx, ctx.orgId).find({ id: key.providerId });
      if (!types.length || !provider) throw UNKNOWN(type);
      const rows = await freeSlots(ctx, {
        types,
        providerId: key.providerId,
        from: key.startsAt,
        to: new Date(key.startsAt.getTime() + 60_000),
        online: false,
        timeZone: site.organization.timeZone,
      });
      const found = rows.find((r) => r.mode === key.mode && r.providerId === key.providerId);
      if (!found) throw UNKNOWN(type);
      return map.slot(found);
    }
    case "Appointment": {
      if (!isUuid(id)) throw UNKNOWN(type);
      const row = await appointmentsRepo(ctx.tx, ctx.orgId).find({ id });
      if (!row) throw UNKNOWN(type);
      await ctx.audit({ action: "view", resourceType: "appointment", resourceId: row.id, patientId: row.patientId });
      const [named] = await appointmentResources(ctx, [row]);
      return named!;
    }
    case "Patient": {
      if (!isUuid(id)) throw UNKNOWN(type);
      const row = await patientsRepo(ctx.tx, ctx.orgId).find({ id });
      if (!row) throw UNKNOWN(type);
      await ctx.audit({ action: "view", resourceType: "patient", resourceId: row.id, patientId: row.id });
      return map.patient(row);
    }
  }
}

async function siteOf(ctx: ServiceContext, site: FhirSite): Promise<FhirResource> {
  const { displayName } = await organizationRepo(ctx.tx, ctx.orgId).getBranding();
  return map.siteLocation(site.organization, displayName);
}

async function appointmentResources(ctx: ServiceContext, rows: Appointment[]): Promise<FhirResource[]> {
  if (!rows.length) return [];
  const [types, staff, locations] = await Promise.all([
    appointmentTypesRepo(ctx.tx, ctx.orgId).list(),
    ctx.tx
      .select({ id: providers.id, name: providers.name })
      .from(providers)
      .where(and(eq(providers.organizationId, ctx.orgId), inArray(providers.id, [...new Set(rows.map((r) => r.providerId))]))),
    locationsRepo(ctx.tx, ctx.orgId).list(),
  ]);
  const typeById = new Map(types.map((t) => [t.id, t]));
  const nameOf = new Map(staff.map((p) => [p.id, p.name]));
  const placeOf = new Map(locations.map((l: Location) => [l.id, l.name]));
  return rows.map((a) =>
    map.appointment(a, {
      type: typeById.get(a.appointmentTypeId),
      provider: nameOf.get(a.providerId),
      location: a.locationId ? placeOf.get(a.locationId) : null,
    }),
  );
}

// ───────────── search ─────────────

export async function searchFhir(ctx: ServiceContext, site: FhirSite, search: Search, now = new Date()): Promise<FhirResource> {
  const wanted = wantedIds(search);
  switch (search.type) {
    case "Practitioner": {
      const rows = await fhirRepo(ctx.tx, ctx.orgId).providersByName();
      const name = search.strings.get("name");
      const active = booleanToken(search, "active");
      const licences = search.tokens.get("identifier");
      const matched = rows.filter(
        (p) =>
          (!wanted || wanted.includes(p.id)) &&
          (!name || matchesString(p.name, name)) &&
          (active === undefined || p.active === active) &&
          (!licences || licences.some((l) => l.split("|").at(-1) === p.licenseNumber)) &&
          within(p.updatedAt, search.dates.get("_lastUpdated")),
      );
      return pagedBundle(site.base, search, matched, map.practitioner);
    }
    case "Location": {
      const rows = await locationsRepo(ctx.tx, ctx.orgId).list();
      const resources = rows.some((l) => l.active)
        ? rows.map((l) => ({ resource: map.location(l, site.organization), active: l.active, updatedAt: l.updatedAt }))
        : [{ resource: await siteOf(ctx, site), active: true, updatedAt: site.organization.updatedAt }];
      const name = search.strings.get("name");
      const address = search.strings.get("address");
      const statuses = search.tokens.get("status");
      const matched = resources.filter(
        ({ resource, active, updatedAt }) =>
          (!wanted || wanted.includes(String(resource.id))) &&
          (!name || matchesString(String(resource.name), name)) &&
          (!address || matchesString((resource.address as { text?: string } | undefined)?.text, address)) &&
          (!statuses || statuses.includes(active ? "active" : "inactive")) &&
          within(updatedAt, search.dates.get("_lastUpdated")),
      );
      return pagedBundle(site.base, search, matched, (m) => m.resource);
    }
    case "Schedule": {
      const serviceTypes = search.tokens.get("service-type");
      const all = schedules(await scheduleFacts(ctx));
      const actors = search.references.get("actor");
      const active = booleanToken(search, "active");
      const names = (row: ScheduleRow, ref: { type: string | null; id: string }) =>
        ((ref.type === null || ref.type === "Practitioner") && ref.id === row.provider.id) ||
        ((ref.type === null || ref.type === "Location") && ref.id === (row.location?.id ?? SITE_LOCATION_ID));
      const matched = all
        .map((row) => ({ row, resource: map.schedule(row) }))
        .filter(
          ({ row, resource }) =>
            (!wanted || wanted.includes(String(resource.id))) &&
            (!actors || actors.some((ref) => names(row, ref))) &&
            (active === undefined || resource.active === active) &&
            (!serviceTypes || row.types.some((t) => serviceTypes.includes(t.id))),
        );
      return pagedBundle(site.base, search, matched, (m) => m.resource);
    }
    case "Slot": {
      const statuses = search.tokens.get("status");
      if (statuses && !statuses.includes("free")) return bundle(site.base, search, 0, []);
      const { from, to } = slotRange(search, now);
      const scheduleRefs = referencedIds(search, "schedule", "Schedule");
      const keys = scheduleRefs?.map(parseScheduleId).filter((k) => k !== null) ?? null;
      if (keys && !keys.length) return bundle(site.base, search, 0, []);
      const slotKeys = wanted?.map(parseSlotId).filter((k) => k !== null) ?? null;
      if (slotKeys && !slotKeys.length) return bundle(site.base, search, 0, []);
      const serviceTypes = search.tokens.get("service-type");
      const types = (await appointmentTypesRepo(ctx.tx, ctx.orgId).list()).filter(
        (t) =>
          t.active && (!serviceTypes || serviceTypes.includes(t.id)) && (!slotKeys || slotKeys.some((k) => k.appointmentTypeId === t.id)),
      );
      const providerIds = new Set([...(keys ?? []).map((k) => k.providerId), ...(slotKeys ?? []).map((k) => k.providerId)]);
      const rows = await freeSlots(ctx, {
        types,
        providerId: providerIds.size === 1 ? [...providerIds][0] : undefined,
        from,
        to,
        online: false,
        timeZone: site.organization.timeZone,
      });
      const matched = rows
        .filter((r) => !keys || keys.some((k) => k.providerId === r.providerId && k.locationId === r.locationId))
        .map((r) => map.slot(r))
        .filter((r) => !wanted || wanted.includes(String(r.id)));
      return pagedBundle(site.base, search, matched, (r) => r);
    }
    case "Appointment": {
      const { total, rows } = await fhirRepo(ctx.tx, ctx.orgId).searchAppointments({ search });
      await ctx.auditPatients(
        "view",
        "appointment",
        rows.map((a) => ({ id: a.id, patientId: a.patientId })),
      );
      return bundle(site.base, search, total, await appointmentResources(ctx, rows));
    }
    case "Patient": {
      const { total, rows } = await fhirRepo(ctx.tx, ctx.orgId).searchPatients({ search });
      await ctx.auditPatients(
        "view",
        "patient",
        rows.map((p) => ({ id: p.id, patientId: p.id })),
      );
      return bundle(site.base, search, total, rows.map(map.patient));
    }
  }
}

// ───────────── the public directory feed (SMART Scheduling Links) ─────────────

export const BULK_TYPES = ["Location", "Schedule", "Slot"] as const;
/** Directories poll the feed: a minute's staleness is fine. */
export const BULK_CACHE = "public, max-age=60";
export type BulkType = (typeof BULK_TYPES)[number];

/** The manifest: where the organization's locations, schedules and free slots are, as NDJSON files. */
export async function bulkManifest(ctx: ServiceContext, site: FhirSite, now = new Date()) {
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  return {
    transactionTime: now.toISOString(),
    request: `${site.base}/$bulk-publish`,
    output: settings.enableOnlineBooking ? BULK_TYPES.map((type) => ({ type, url: `${site.base}/$bulk-publish/${type}.ndjson` })) : [],
    error: [],
  };
}

/**
 * One file of the feed, as resources: the locations; the schedules of providers who take online
 * bookings, with the types patients can book; and their free slots for the next four weeks by the
 * patient's own rules (notice, horizon), each with the link that books it on the hospital's site.
 */
export async function bulkResources(ctx: ServiceContext, site: FhirSite, type: BulkType, now = new Date()): Promise<FhirResource[]> {
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  if (!settings.enableOnlineBooking) return [];
  const facts = await scheduleFacts(ctx);
  const bookable = (t: AppointmentType) => t.onlineBookable;
  const published = schedules(facts, bookable).filter((s) => s.provider.active && s.provider.acceptsOnlineBooking && s.types.length > 0);
  if (type === "Location") {
    const active = facts.locations.filter((l) => l.active);
    return active.length ? active.map((l) => map.location(l, site.organization)) : [await siteOf(ctx, site)];
  }
  if (type === "Schedule") return published.map((s) => map.schedule(s));
  const types = facts.types.filter((t) => t.active && t.onlineBookable);
  const rows = await freeSlots(ctx, {
    types,
    from: now,
    to: new Date(now.getTime() + PUBLISHED_SLOT_DAYS * DAY),
    online: true,
    timeZone: site.organization.timeZone,
  });
  const scheduled = new Set(published.map((s) => `${s.provider.id}|${s.location?.id ?? ""}`));
  const phone = site.organization.contactInfo.phone ?? null;
  const zoneOf = new Map(facts.locations.map((l) => [l.id, l.timeZone]));
  const bookingSite = site.base.replace(/\/fhir\/R4$/, "");
  return rows
    .filter((r) => scheduled.has(`${r.providerId}|${r.locationId ?? ""}`))
    .map((r) => {
      const zone = (r.locationId && zoneOf.get(r.locationId)) || site.organization.timeZone;
      const query = selectionQuery({
        ...(r.locationId ? { location: r.locationId } : {}),
        type: r.type.id,
        mode: r.mode,
        provider: r.providerId,
        date: todayIn(zone, r.startsAt),
        time: r.startsAt.toISOString(),
      });
      const place = r.locationId ? facts.locations.find((l) => l.id === r.locationId) : undefined;
      return map.slot(r, { url: `${bookingSite}/book?${query}`, phone: place?.phone ?? phone });
    });
}

/** The CapabilityStatement, published under the organization's display name. */
export async function fhirCapabilities(ctx: ServiceContext, site: FhirSite, now = new Date()): Promise<FhirResource> {
  const { displayName } = await organizationRepo(ctx.tx, ctx.orgId).getBranding();
  return capabilityStatement(site.base, { name: "AgentCare", organization: displayName }, now);
}
