import "server-only";
import { organizationRepo } from "@/lib/organizations/repository";
import { todayIn } from "@/lib/time/calendar";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { providerAvailabilityRepo } from "./availability-repository";
import { assertCanAddProvider } from "@/lib/billing/limits";
import { providersRepo, type ProviderInput } from "./repository";

/** A provider with their week, offered types and upcoming time off and overrides. */
export async function providerDetail(ctx: ServiceContext, id: string) {
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id });
  const avail = providerAvailabilityRepo(ctx.tx, ctx.orgId);
  const now = new Date();
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const today = todayIn(organization.timeZone, now);
  const inAYear = new Date(now.getTime() + 366 * 86_400_000);
  const [hours, offered, timeOff, overrides] = [
    await avail.weeklyHours({ providerIds: [id] }),
    await avail.offeredTypes({ providerIds: [id] }),
    await avail.timeOff({ providerIds: [id], from: now, to: inAYear }),
    await avail.overrides({ providerIds: [id], fromDate: today, toDate: inAYear.toISOString().slice(0, 10) }),
  ];
  return {
    ...provider,
    weeklyHours: hours.map((h) => ({ weekday: h.weekday, startTime: h.startTime.slice(0, 5), endTime: h.endTime.slice(0, 5) })),
    appointmentTypeIds: offered.map((o) => o.appointmentTypeId),
    timeOff: timeOff.map((t) => ({ id: t.id, startsAt: t.startsAt, endsAt: t.endsAt, reason: t.reason })),
    overrides: overrides.map((o) => ({
      date: o.date,
      startTime: o.startTime?.slice(0, 5) ?? null,
      endTime: o.endTime?.slice(0, 5) ?? null,
      note: o.note,
    })),
  };
}

/** Creating a provider counts against the plan's provider limit. */
export async function createProvider(ctx: ServiceContext, input: ProviderInput) {
  if (input.active !== false) await assertCanAddProvider(ctx.tx, ctx.orgId);
  return providersRepo(ctx.tx, ctx.orgId).create({ input });
}

/** Reactivating a provider counts against the limit again. */
export async function updateProvider(ctx: ServiceContext, id: string, patch: Partial<ProviderInput>) {
  const repo = providersRepo(ctx.tx, ctx.orgId);
  const current = await repo.get({ id });
  if (patch.active === true && !current.active) await assertCanAddProvider(ctx.tx, ctx.orgId);
  return repo.update({ id, patch });
}
