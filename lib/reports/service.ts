import "server-only";
import { Temporal } from "temporal-polyfill";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { isAppError, NotFoundError } from "@/lib/errors/app-error";
import { locationsRepo, providerLocationsRepo } from "@/lib/locations/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { findSlots } from "@/lib/scheduling/availability";
import { placementFrom, weekOf } from "@/lib/scheduling/placement";
import { businessDayInterval, intersect, providerDayIntervals, subtract, type Interval } from "@/lib/scheduling/slots";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { dayBounds } from "@/lib/time/calendar";
import { reportsRepo, type AppointmentCounts, type CountsRow } from "./repository";
import type { ReportQuery } from "./schemas";

const MINUTE = 60_000;
/** How far ahead "next available" looks. */
export const NEXT_AVAILABLE_DAYS = 90;

const EMPTY: AppointmentCounts = {
  appointments: 0,
  completed: 0,
  checkedIn: 0,
  noShows: 0,
  cancelled: 0,
  cancelledByPatient: 0,
  cancelledByStaff: 0,
  lateCancellations: 0,
  medianCancellationLeadHours: null,
  online: 0,
  bookedMinutes: 0,
};

/** Rates derived from counts: null where there is nothing to divide by. */
function rates(c: AppointmentCounts, availableMinutes: number | null) {
  const seen = c.completed + c.checkedIn + c.noShows;
  return {
    /** Missed ÷ (attended + missed). */
    noShowRate: seen ? c.noShows / seen : null,
    cancellationRate: c.appointments ? c.cancelled / c.appointments : null,
    onlineShare: c.appointments ? c.online / c.appointments : null,
    /** Booked minutes ÷ the minutes the providers were available. */
    utilisation: availableMinutes ? c.bookedMinutes / availableMinutes : null,
  };
}

const totalMinutes = (intervals: Interval[]) => intervals.reduce((sum, iv) => sum + (iv.end - iv.start), 0) / MINUTE;

/**
 * The minutes each provider could be booked on each day of the range: the organization's business
 * hours ∩ the provider's hours (or that day's override), minus time off — what the slot search offers.
 * With a location, only the weekdays a provider is placed there count (their own choice for that
 * weekday, or the main location when none is set; a closed location has none), weekdays read on the
 * organization's days like the rest of the report.
 */
async function availableMinutes(ctx: MemberContext, providerIds: string[], query: ReportQuery, timeZone: string, from: Date, to: Date) {
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  const avail = providerAvailabilityRepo(ctx.tx, ctx.orgId);
  const [hours, overrides, timeOff, placement] = await Promise.all([
    avail.weeklyHours({ providerIds }),
    avail.overrides({ providerIds, fromDate: query.from, toDate: query.to }),
    avail.timeOff({ providerIds, from, to }),
    query.location ? placementAt(ctx, providerIds) : null,
  ]);
  const byProvider = new Map<string, number>();
  const byDay = new Map<string, number>();
  const last = Temporal.PlainDate.from(query.to);
  for (const providerId of providerIds) {
    const provider = {
      providerId,
      weeklyHours: hours.filter((h) => h.providerId === providerId),
      overrides: overrides.filter((o) => o.providerId === providerId),
      timeOff: [],
      busy: [],
    };
    const off = timeOff.filter((t) => t.providerId === providerId).map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() }));
    const week = placement ? weekOf(placement, providerId) : null;
    let sum = 0;
    for (let day = Temporal.PlainDate.from(query.from); Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
      if (placement && week?.get(day.dayOfWeek)?.id !== query.location) continue;
      const open = subtract(
        intersect(businessDayInterval(settings.businessHours, day, timeZone), providerDayIntervals(provider, day, timeZone)),
        off,
      );
      const minutes = totalMinutes(open);
      sum += minutes;
      byDay.set(day.toString(), (byDay.get(day.toString()) ?? 0) + minutes);
    }
    byProvider.set(providerId, Math.round(sum));
  }
  return { byProvider, byDay };
}

/** Where the providers work each weekday: the active locations and the providers' weeks. */
async function placementAt(ctx: MemberContext, providerIds: string[]) {
  const [locations, rows] = await Promise.all([
    locationsRepo(ctx.tx, ctx.orgId).list({ activeOnly: true }),
    providerLocationsRepo(ctx.tx, ctx.orgId).forProviders({ providerIds }),
  ]);
  return placementFrom(locations, rows);
}

/**
 * The appointments report for a date range (the organization's days, inclusive) and optional
 * provider, type and location (the visits held there; see availableMinutes for its capacity): counts per day, provider and type, cancellations by whom and how late,
 * no-shows, online share, utilisation, and waiting-list fills. Aggregates only: no patient is named.
 */
export async function appointmentReport(ctx: MemberContext, query: ReportQuery) {
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const organization = await orgRepo.get();
  const timeZone = organization.timeZone;
  const from = dayBounds(query.from, timeZone).from;
  const to = dayBounds(query.to, timeZone).to;
  // Every provider a filter allows (active ones, plus anyone with appointments in the range).
  const providers = (await providersRepo(ctx.tx, ctx.orgId).list({ limit: 500 })).filter((p) => !query.provider || p.id === query.provider);
  if (query.provider && providers.length === 0) throw new NotFoundError("provider");
  const types = (await appointmentTypesRepo(ctx.tx, ctx.orgId).list()).filter((t) => !query.type || t.id === query.type);
  if (query.type && types.length === 0) throw new NotFoundError("appointment_type");
  // Closed locations too: their past visits still count. Unknown (or another tenant's) → not found.
  if (query.location) await locationsRepo(ctx.tx, ctx.orgId).get({ id: query.location });

  const repo = reportsRepo(ctx.tx, ctx.orgId);
  const [rows, fills] = await Promise.all([
    repo.appointmentCounts({ from, to, timeZone, providerId: query.provider, typeId: query.type, locationId: query.location }),
    repo.waitlistFills({ from, to, providerId: query.provider, typeId: query.type, locationId: query.location }),
  ]);
  const counted = (grouping: CountsRow["grouping"]) => rows.filter((r) => r.grouping === grouping);
  const withAppointments = new Set(counted("provider").map((r) => r.providerId));
  const available = await availableMinutes(
    ctx,
    providers.filter((p) => p.active).map((p) => p.id),
    query,
    timeZone,
    from,
    to,
  );
  // At one location: the providers who work there in the range or saw someone there.
  const shownProviders = providers.filter(
    (p) => withAppointments.has(p.id) || (p.active && (!query.location || (available.byProvider.get(p.id) ?? 0) > 0)),
  );
  const strip = ({ grouping: _g, day: _d, providerId: _p, appointmentTypeId: _t, ...counts }: CountsRow): AppointmentCounts => counts;

  const providerRows = new Map(counted("provider").map((r) => [r.providerId!, strip(r)]));
  const totals = counted("all")[0] ? strip(counted("all")[0]!) : EMPTY;
  const totalAvailable = [...available.byProvider.values()].reduce((a, b) => a + b, 0);
  // Utilisation compares like with like: the minutes booked with the providers whose bookable
  // minutes are counted. Capacity is not split by type: with a type filter there is none to show.
  const capacityCounted = !query.type;
  const bookedWithCapacity = [...available.byProvider.keys()].reduce((n, id) => n + (providerRows.get(id)?.bookedMinutes ?? 0), 0);
  const dayRows = new Map(counted("day").map((r) => [r.day!, strip(r)]));
  const days: { date: string; availableMinutes: number }[] = [];
  for (
    let d = Temporal.PlainDate.from(query.from);
    Temporal.PlainDate.compare(d, Temporal.PlainDate.from(query.to)) <= 0;
    d = d.add({ days: 1 })
  ) {
    days.push({ date: d.toString(), availableMinutes: Math.round(available.byDay.get(d.toString()) ?? 0) });
  }
  const typeRows = new Map(counted("type").map((r) => [r.appointmentTypeId!, strip(r)]));

  return {
    from: query.from,
    to: query.to,
    timeZone,
    filters: { provider: query.provider ?? null, type: query.type ?? null, location: query.location ?? null },
    totals: {
      ...totals,
      ...rates(totals, null),
      utilisation: capacityCounted && totalAvailable ? bookedWithCapacity / totalAvailable : null,
      availableMinutes: totalAvailable,
      waitlistFills: fills,
    },
    days: days.map((d) => {
      const c = dayRows.get(d.date) ?? EMPTY;
      return { date: d.date, ...c, ...rates(c, capacityCounted ? d.availableMinutes : null), availableMinutes: d.availableMinutes };
    }),
    providers: shownProviders
      .map((p) => {
        const c = providerRows.get(p.id) ?? EMPTY;
        const minutes = available.byProvider.get(p.id) ?? 0;
        return { id: p.id, name: p.name, active: p.active, ...c, ...rates(c, capacityCounted ? minutes : null), availableMinutes: minutes };
      })
      .sort((a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name)),
    types: types
      .filter((t) => t.active || typeRows.has(t.id))
      .map((t) => {
        const c = typeRows.get(t.id) ?? EMPTY;
        return { id: t.id, name: t.name, active: t.active, ...c, ...rates(c, null) };
      })
      .sort((a, b) => b.appointments - a.appointments || a.name.localeCompare(b.name)),
  };
}

export type AppointmentReport = Awaited<ReturnType<typeof appointmentReport>>;

/**
 * Time to the next free time, per appointment type (with the provider and location filters, if
 * any), as staff would book it from now: the days and hours until the first free start within
 * NEXT_AVAILABLE_DAYS, or null when there is none.
 */
export async function nextAvailable(
  ctx: MemberContext,
  { provider, type, location }: Pick<ReportQuery, "provider" | "type" | "location">,
  now = new Date(),
) {
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const types = (await appointmentTypesRepo(ctx.tx, ctx.orgId).list({ activeOnly: true })).filter((t) => !type || t.id === type);
  const today = Temporal.Now.plainDateISO(organization.timeZone);
  // Near windows first: most answers are within the week, and a wider search costs more.
  const windows: [number, number][] = [
    [0, 6],
    [7, 34],
    [35, NEXT_AVAILABLE_DAYS - 1],
  ];
  const out: { typeId: string; typeName: string; startsAt: Date | null; providerId: string | null; hours: number | null }[] = [];
  for (const t of types) {
    let found: { startsAt: Date; providerId: string } | null = null;
    for (const [a, b] of windows) {
      try {
        const { slots } = await findSlots(ctx.tx, ctx.orgId, {
          appointmentTypeId: t.id,
          providerId: provider,
          locationId: location,
          mode: "in_person",
          fromDate: today.add({ days: a }).toString(),
          toDate: today.add({ days: b }).toString(),
          online: false,
          now,
        });
        if (slots[0]) found = { startsAt: slots[0].startsAt, providerId: slots[0].providerId };
      } catch (err) {
        // A type this provider does not offer (or no longer bookable), or a location closed for
        // booking: nothing to show for it.
        if (isAppError(err) && err.status === 400) break;
        throw err;
      }
      if (found) break;
    }
    out.push({
      typeId: t.id,
      typeName: t.name,
      startsAt: found?.startsAt ?? null,
      providerId: found?.providerId ?? null,
      hours: found ? Math.max(0, (found.startsAt.getTime() - now.getTime()) / 3_600_000) : null,
    });
  }
  return out;
}

/** The filters' choices: every provider, type and location. */
export async function reportFilterChoices(ctx: MemberContext) {
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const types = await appointmentTypesRepo(ctx.tx, ctx.orgId).list();
  const people = await providersRepo(ctx.tx, ctx.orgId).list({ limit: 500 });
  const places = await locationsRepo(ctx.tx, ctx.orgId).list();
  return {
    timeZone: organization.timeZone,
    today: Temporal.Now.plainDateISO(organization.timeZone).toString(),
    types: types.map((t) => ({ id: t.id, name: t.name, active: t.active })),
    providers: people.map((p) => ({ id: p.id, name: p.name, active: p.active })),
    locations: places.map((l) => ({ id: l.id, name: l.name, active: l.active })),
  };
}
