import "server-only";
import { locationsRepo, providerLocationsRepo } from "@/lib/locations/repository";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { assertCanAddProvider } from "@/lib/billing/limits";
import { ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import { isValidDate, todayIn } from "@/lib/time/calendar";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { providerAvailabilityRepo, type HoursInput } from "./availability-repository";
import { providersRepo, type ProviderInput } from "./repository";

// Providers and their availability (weekly hours, date overrides, time off, offered appointment
// types): what the staff screens' actions and the /api/v1/providers handlers both call.

/** Providers by name, one page at a time (keyset cursor), optionally the active ones only. */
export async function listProviders(
  ctx: ServiceContext,
  { activeOnly, limit, cursor }: { activeOnly?: boolean; limit: number; cursor?: string },
) {
  const after = decodeCursor<{ name: string; id: string }>(cursor, ["name", "id"]);
  const rows = await providersRepo(ctx.tx, ctx.orgId).list({ activeOnly: activeOnly === true, after, limit: limit + 1 });
  return page(rows, limit, (r) => ({ name: r.name, id: r.id }));
}

/** A provider with their week, offered types and upcoming time off and overrides. */
export async function providerDetail(ctx: ServiceContext, id: string) {
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id });
  const avail = providerAvailabilityRepo(ctx.tx, ctx.orgId);
  const now = new Date();
  const orgRepo = organizationRepo(ctx.tx, ctx.orgId);
  const [organization, settings] = [await orgRepo.get(), await orgRepo.getSettings()];
  const today = todayIn(organization.timeZone, now);
  const inAYear = new Date(now.getTime() + 366 * 86_400_000);
  const [hours, offered, timeOff, overrides, locations, week] = [
    await avail.weeklyHours({ providerIds: [id] }),
    await avail.offeredTypes({ providerIds: [id] }),
    await avail.timeOff({ providerIds: [id], from: now, to: inAYear }),
    await avail.overrides({ providerIds: [id], fromDate: today, toDate: inAYear.toISOString().slice(0, 10) }),
    await locationsRepo(ctx.tx, ctx.orgId).list(),
    await providerLocationsRepo(ctx.tx, ctx.orgId).forProviders({ providerIds: [id] }),
  ];
  return {
    ...provider,
    weeklyHours: hours.map((h) => ({ weekday: h.weekday, startTime: h.startTime.slice(0, 5), endTime: h.endTime.slice(0, 5) })),
    appointmentTypeIds: offered.map((o) => o.appointmentTypeId),
    /** The organization's business hours: what a provider without weekly hours follows. */
    organizationHours: settings.businessHours,
    timeOff: timeOff.map((t) => ({ id: t.id, startsAt: t.startsAt, endsAt: t.endsAt, reason: t.reason })),
    overrides: overrides.map((o) => ({
      date: o.date,
      startTime: o.startTime?.slice(0, 5) ?? null,
      endTime: o.endTime?.slice(0, 5) ?? null,
      note: o.note,
    })),
    /** The organization's locations (closed ones too, oldest first) and where this provider works each weekday set. */
    locations: locations.map((l) => ({ id: l.id, name: l.name, active: l.active })),
    weekLocations: week.map((w) => ({ weekday: w.weekday, locationId: w.locationId })),
  };
}

/** Creating a provider counts against the plan's provider limit. */
export async function createProvider(ctx: ServiceContext, input: ProviderInput) {
  if (input.active !== false) await assertCanAddProvider(ctx.tx, ctx.orgId);
  return providersRepo(ctx.tx, ctx.orgId).create({ input });
}

/** Edits a provider, or (de)activates one; reactivating counts against the limit again. */
export async function updateProvider(ctx: ServiceContext, id: string, patch: Partial<ProviderInput>) {
  const repo = providersRepo(ctx.tx, ctx.orgId);
  const current = await repo.get({ id });
  if (patch.active === true && !current.active) await assertCanAddProvider(ctx.tx, ctx.orgId);
  return repo.update({ id, patch });
}

/** Replaces the provider's whole working week (no rows: the organization's business hours). */
export async function setWeeklyHours(ctx: ServiceContext, id: string, hours: HoursInput[]) {
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).replaceWeeklyHours({ providerId: id, hours });
  return providerDetail(ctx, id);
}

function assertCalendarDate(date: string): void {
  if (!isValidDate(date)) throw new ValidationError("Use a real date in the form YYYY-MM-DD.");
}

/**
 * One date's hours replace the weekly pattern that day; no intervals closes the day (one row
 * without times). The note is kept on every row of the date.
 */
export async function setDateOverride(
  ctx: ServiceContext,
  id: string,
  date: string,
  { intervals, note }: { intervals: { startTime: string; endTime: string }[]; note?: string | null },
) {
  assertCalendarDate(date);
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  const rows = intervals.length
    ? intervals.map((i) => ({ date, startTime: i.startTime, endTime: i.endTime, note: note ?? null }))
    : [{ date, startTime: null, endTime: null, note: note ?? null }];
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).setOverride({ providerId: id, date, intervals: rows });
  return providerDetail(ctx, id);
}

/** That date follows the weekly hours again (nothing to clear is fine). */
export async function clearDateOverride(ctx: ServiceContext, id: string, date: string): Promise<void> {
  assertCalendarDate(date);
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).setOverride({ providerId: id, date, intervals: [] });
}

export async function addTimeOff(ctx: ServiceContext, id: string, input: { startsAt: Date; endsAt: Date; reason?: string | null }) {
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  return providerAvailabilityRepo(ctx.tx, ctx.orgId).addTimeOff({ providerId: id, ...input });
}

/** Only this provider's time off: another provider's (or hospital's) id is not found. */
export async function removeTimeOff(ctx: ServiceContext, providerId: string, timeOffId: string): Promise<void> {
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).removeTimeOff({ id: timeOffId, providerId });
}

/** Which appointment types the provider offers (none: every type); each must be this hospital's. */
export async function setOfferedTypes(ctx: ServiceContext, id: string, appointmentTypeIds: string[]) {
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  const typeIds = [...new Set(appointmentTypeIds)];
  const types = appointmentTypesRepo(ctx.tx, ctx.orgId);
  for (const typeId of typeIds) await types.get({ id: typeId });
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).setOfferedTypes({ providerId: id, typeIds });
  return providerDetail(ctx, id);
}

export type ProviderPage = Awaited<ReturnType<typeof listProviders>>;
export type ProviderDetail = Awaited<ReturnType<typeof providerDetail>>;
export type ProviderTimeOff = ProviderDetail["timeOff"][number];
export type ProviderOverrideRow = ProviderDetail["overrides"][number];
export type ProviderWeeklyHours = ProviderDetail["weeklyHours"];
