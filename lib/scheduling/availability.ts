import "server-only";
import { Temporal } from "temporal-polyfill";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { assertFeature } from "@/lib/billing/limits";
import type { AppointmentMode, AppointmentType, Location, Organization, OrganizationSettings, Provider } from "@/lib/db/schema";
import { locationsRepo, providerLocationsRepo, resourcesRepo } from "@/lib/locations/repository";
import type { TenantTx } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "./appointments-repository";
import { holdsRepo } from "./holds-repository";
import { rulesFor } from "./booking-rules";
import { computeSlots, mergeAnyProvider, type Interval, type Slot } from "./slots";
import { placementFrom, sitesOf, weekOf, type Placement } from "./placement";
import { telehealthOffered } from "./telehealth";
import { dayBounds } from "@/lib/time/calendar";

export const MAX_RANGE_DAYS = 62;

export type SlotQuery = {
  appointmentTypeId: string;
  /** A provider id, or undefined for "any available". */
  providerId?: string;
  mode: AppointmentMode;
  fromDate: string;
  toDate: string;
  /** Online: the patient's notice, horizon and online-bookable rules; otherwise staff rules (BookingPolicy). */
  online: boolean;
  now?: Date;
  /** An appointment being moved: its own time is not taken for its new one (as in assertBookable). */
  movingAppointmentId?: string;
  /** Only times at this location (where the organization has several). */
  locationId?: string;
  /** Every provider's own free times (each with its provider), not one per start for "any available". */
  eachProvider?: boolean;
};

export type SchedulingFacts = {
  organization: Organization;
  settings: OrganizationSettings;
  type: AppointmentType;
  providers: Provider[];
  mode: AppointmentMode;
  /** Where providers work each weekday (the organization's active locations and providers' weeks). */
  placement: Placement<Location>;
};

/** Type, mode and provider rules shared by slot search and booking. Throws a clear error when the combination is not offered. */
export async function schedulingFacts(
  tx: TenantTx,
  orgId: string,
  { appointmentTypeId, providerId, mode, online }: Pick<SlotQuery, "appointmentTypeId" | "providerId" | "mode" | "online">,
): Promise<SchedulingFacts> {
  const orgRepo = organizationRepo(tx, orgId);
  // Sent together (prepared statements pipeline on the transaction's connection), awaited in the
  // order the rules are checked, so the first rule broken is still the one reported.
  const pending = settle([
    orgRepo.get(),
    orgRepo.getSettings(),
    appointmentTypesRepo(tx, orgId).get({ id: appointmentTypeId }),
    providersRepo(tx, orgId).list({ activeOnly: true, limit: 500 }),
    providerAvailabilityRepo(tx, orgId).providersNotOffering({ appointmentTypeId }),
    locationsRepo(tx, orgId).list({ activeOnly: true }),
    providerLocationsRepo(tx, orgId).all(),
  ] as const);
  const [organization, settings] = [await pending[0], await pending[1]];
  if (online && !settings.enableOnlineBooking) {
    throw new ValidationError("Online booking is not available at this organization.", undefined, "booking_disabled");
  }
  const type = await pending[2];
  if (!type.active || (online && !type.onlineBookable)) {
    throw new ValidationError("This appointment type cannot be booked here.", undefined, "invalid:appointment_type");
  }
  if (mode === "telehealth") {
    if (!(settings.enableTelehealth && type.telehealthAllowed)) {
      throw new ValidationError("Telehealth is not available for this appointment type.", undefined, "invalid:mode");
    }
    // The setting may be on while the plan lacks the feature: say which (402 names the upgrade).
    if (!telehealthOffered({ plan: organization.plan, enableTelehealth: settings.enableTelehealth }, type)) {
      await assertFeature(tx, orgId, "telehealth");
    }
  }
  let providers = await pending[3];
  if (providerId) providers = providers.filter((p) => p.id === providerId);
  if (online) providers = providers.filter((p) => p.acceptsOnlineBooking);
  if (mode === "telehealth") providers = providers.filter((p) => p.offersTelehealth);
  const notOffering = await pending[4];
  providers = providers.filter((p) => !notOffering.has(p.id));
  if (providerId && providers.length === 0) {
    throw new ValidationError("This provider does not offer that appointment here.", undefined, "invalid:provider");
  }
  const placement = placementFrom(await pending[5], await pending[6]);
  return { organization, settings, type, providers, mode, placement };
}

/** The same promises, each already marked handled: one may be left unawaited when an earlier rule throws. */
function settle<T extends readonly Promise<unknown>[]>(promises: T): T {
  for (const p of promises) p.catch(() => {});
  return promises;
}

function clampRange(fromDate: string, toDate: string): { fromDate: string; toDate: string } {
  const from = Temporal.PlainDate.from(fromDate);
  let to = Temporal.PlainDate.from(toDate);
  if (Temporal.PlainDate.compare(to, from) < 0) throw new ValidationError("The end date is before the start date.");
  const max = from.add({ days: MAX_RANGE_DAYS - 1 });
  if (Temporal.PlainDate.compare(to, max) > 0) to = max;
  return { fromDate: from.toString(), toDate: to.toString() };
}

/** Free slots for a type (and provider, or any), in the organization's time zone. */
export async function findSlots(tx: TenantTx, orgId: string, query: SlotQuery): Promise<{ slots: Slot[]; facts: SchedulingFacts }> {
  const now = query.now ?? new Date();
  const facts = await schedulingFacts(tx, orgId, query);
  const { fromDate, toDate } = clampRange(query.fromDate, query.toDate);
  if (query.locationId && !facts.placement.locations.some((l) => l.id === query.locationId)) {
    throw new ValidationError(
      "That location is not open for booking.",
      { locationId: ["Choose one of the organization's locations."] },
      "invalid:location",
    );
  }
  // The dates are local to each location: read bookings from the earliest start to the latest end of them.
  const zones = new Set([facts.organization.timeZone, ...facts.placement.locations.map((l) => l.timeZone)]);
  const bounds = [...zones].flatMap((tz) => [dayBounds(fromDate, tz).from, dayBounds(toDate, tz).to]);
  const from = new Date(Math.min(...bounds.map((d) => d.getTime())));
  const to = new Date(Math.max(...bounds.map((d) => d.getTime())));
  const ids = facts.providers.map((p) => p.id);
  const avail = providerAvailabilityRepo(tx, orgId);
  // Independent reads, sent together: one round trip for all five.
  const [hours, overrides, timeOff, busy, holds] = await Promise.all([
    avail.weeklyHours({ providerIds: ids }),
    avail.overrides({ providerIds: ids, fromDate, toDate }),
    avail.timeOff({ providerIds: ids, from, to }),
    appointmentsRepo(tx, orgId).busyBlocks({ providerIds: ids, from, to, exceptId: query.movingAppointmentId }),
    holdsRepo(tx, orgId).liveBlocks({ providerIds: ids, from, to, now }),
  ]);
  // The same rules as booking (assertBookable): every slot offered can be booked by the same caller.
  const request = { ...rulesFor(facts, query.online ? "patient" : "staff", now), fromDate, toDate };
  const byProvider = <R extends { providerId: string }>(rows: R[]) => {
    const out = new Map<string, R[]>();
    for (const row of rows) {
      const list = out.get(row.providerId);
      if (list) list.push(row);
      else out.set(row.providerId, [row]);
    }
    return (id: string) => out.get(id) ?? [];
  };
  const [hoursOf, overridesOf, timeOffOf, busyOf, holdsOf] = [
    byProvider(hours),
    byProvider(overrides),
    byProvider(timeOff),
    byProvider(busy),
    byProvider(holds),
  ];
  const freeResource = await resourceFilter(tx, orgId, facts, { from, to, now, exceptId: query.movingAppointmentId });
  // One search per provider and location they work at, each in that location's zone.
  const perProvider = facts.providers.flatMap((p) => {
    const week = weekOf(facts.placement, p.id);
    const sites = week
      ? sitesOf(week).filter((site) => !query.locationId || site.location.id === query.locationId)
      : [{ location: null, workdays: undefined }];
    return sites.map((site) =>
      computeSlots(
        { ...request, timeZone: site.location?.timeZone ?? request.timeZone },
        {
          providerId: p.id,
          weeklyHours: hoursOf(p.id),
          overrides: overridesOf(p.id),
          timeOff: timeOffOf(p.id),
          busy: [],
          blocks: [...busyOf(p.id), ...holdsOf(p.id)],
          workdays: site.workdays,
        },
      )
        .map((slot) => (site.location ? { ...slot, locationId: site.location.id } : slot))
        .filter(freeResource),
    );
  });
  const slots = query.eachProvider
    ? perProvider.flat().sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    : mergeAnyProvider(perProvider);
  return { slots, facts };
}

/**
 * For a type that needs a resource kind (in person): whether some active resource of that kind at
 * the slot's location is free for the slot and its buffers. Every slot passes otherwise.
 */
async function resourceFilter(
  tx: TenantTx,
  orgId: string,
  facts: SchedulingFacts,
  { from, to, now, exceptId }: { from: Date; to: Date; now: Date; exceptId?: string },
): Promise<(slot: Slot) => boolean> {
  const kind = facts.type.requiredResourceKind;
  if (!kind || facts.mode === "telehealth") return () => true;
  const resources = await resourcesRepo(tx, orgId).ofKind({ locationIds: facts.placement.locations.map((l) => l.id), kind });
  const ids = resources.map((r) => r.id);
  const [booked, held] = await Promise.all([
    appointmentsRepo(tx, orgId).resourceBlocks({ resourceIds: ids, from, to, exceptId }),
    holdsRepo(tx, orgId).liveResourceBlocks({ resourceIds: ids, from, to, now }),
  ]);
  const blocksOf = new Map<string, Interval[]>();
  for (const b of [...booked, ...held]) blocksOf.set(b.resourceId, [...(blocksOf.get(b.resourceId) ?? []), b]);
  const atLocation = new Map<string, string[]>();
  for (const r of resources) atLocation.set(r.locationId, [...(atLocation.get(r.locationId) ?? []), r.id]);
  const before = facts.type.bufferBeforeMinutes * 60_000;
  const after = facts.type.bufferAfterMinutes * 60_000;
  return (slot) => {
    if (!slot.locationId) return false;
    const start = slot.startsAt.getTime() - before;
    const end = slot.endsAt.getTime() + after;
    return (atLocation.get(slot.locationId) ?? []).some((id) => !(blocksOf.get(id) ?? []).some((b) => b.start < end && b.end > start));
  };
}
