import "server-only";
import { and, eq } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { appointmentSeries } from "@/lib/db/schema";
import { ConflictError, ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { Appointment } from "@/lib/db/schema";
import type { MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { dateInZone } from "@/lib/time/wall-clock";
import { appointmentsRepo } from "./appointments-repository";
import { findSlots, MAX_RANGE_DAYS, schedulingFacts } from "./availability";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "./booking";
import { seriesRuleText, seriesStarts } from "./series-rule";
import type { SeriesBookInput, SeriesPreviewInput } from "./series-schemas";
import { isChangeable } from "./status";

const DAY_MS = 86_400_000;
/** Other free times offered for a visit whose planned time is not free. */
const ALTERNATIVES = 3;

export type SeriesVisit = {
  startsAt: Date;
  endsAt: Date;
  /** The planned time can be booked. */
  free: boolean;
  /** When it cannot: the free times that day nearest to it (possibly none). */
  alternatives: Date[];
};

/**
 * Runs one visit's booking or move; a refusal (taken, outside hours, …) becomes the series' refusal,
 * naming the visit and saying that nothing of the series was done.
 */
async function asSeriesStep<T>(step: () => Promise<T>, what: string, nothingDone: string): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof ConflictError || err instanceof ValidationError) throw new ValidationError(`${what}: ${err.message} ${nothingDone}`);
    throw err;
  }
}

const visitTime = (timeZone: string) => new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" });

/** The series' facts every step checks: the patient, and that the provider offers the type in that mode. */
async function seriesFacts(ctx: MemberContext, input: SeriesPreviewInput) {
  await patientsRepo(ctx.tx, ctx.orgId).get({ id: input.patientId });
  // Another organization's provider is not found here, like one that does not exist.
  await providersRepo(ctx.tx, ctx.orgId).get({ id: input.providerId });
  const facts = await schedulingFacts(ctx.tx, ctx.orgId, { ...input, online: false });
  const timeZone = (await organizationRepo(ctx.tx, ctx.orgId).get()).timeZone;
  const starts = seriesStarts({ startDate: input.startDate, startTime: input.startTime, timeZone }, input.rule);
  return { facts, timeZone, starts };
}

/**
 * Each visit of a planned weekly series, checked against the provider's schedule as staff would
 * book it: free, or not with up to three other free times that day. Nothing is booked.
 */
export async function previewSeries(ctx: MemberContext, input: SeriesPreviewInput) {
  const { facts, timeZone, starts } = await seriesFacts(ctx, input);
  const free = new Map<string, number[]>();
  // The slot search covers at most MAX_RANGE_DAYS at a time: the year is asked for in pieces.
  for (let i = 0; i < starts.length;) {
    const first = starts[i]!;
    let j = i;
    while (j + 1 < starts.length && starts[j + 1]!.getTime() - first.getTime() < (MAX_RANGE_DAYS - 1) * DAY_MS) j++;
    const { slots } = await findSlots(ctx.tx, ctx.orgId, {
      appointmentTypeId: input.appointmentTypeId,
      providerId: input.providerId,
      mode: input.mode,
      fromDate: dateInZone(first, timeZone),
      toDate: dateInZone(starts[j]!, timeZone),
      online: false,
    });
    for (const slot of slots) {
      const day = dateInZone(slot.startsAt, timeZone);
      free.set(day, [...(free.get(day) ?? []), slot.startsAt.getTime()]);
    }
    i = j + 1;
  }
  const minutes = facts.type.durationMinutes * 60_000;
  const visits: SeriesVisit[] = starts.map((startsAt) => {
    const day = free.get(dateInZone(startsAt, timeZone)) ?? [];
    const at = startsAt.getTime();
    const isFree = day.includes(at);
    const alternatives = isFree
      ? []
      : [...day]
          .sort((a, b) => Math.abs(a - at) - Math.abs(b - at))
          .slice(0, ALTERNATIVES)
          .sort((a, b) => a - b)
          .map((ms) => new Date(ms));
    return { startsAt, endsAt: new Date(at + minutes), free: isFree, alternatives };
  });
  return {
    rule: seriesRuleText({ startDate: input.startDate, startTime: input.startTime, timeZone }, input.rule),
    timeZone,
    visits,
  };
}

/**
 * Books the chosen visits of a series in one transaction: each on one of the series' days (the
 * planned time or another that day; a day left out is skipped), by the same rules as any staff
 * booking. If one of them was taken meanwhile, nothing is booked and the answer names it.
 */
export async function bookSeries(ctx: MemberContext, input: SeriesBookInput) {
  const { timeZone, starts: planned } = await seriesFacts(ctx, input);
  const days = new Set(planned.map((s) => dateInZone(s, timeZone)));
  const chosen = [...input.starts].sort((a, b) => a.getTime() - b.getTime());
  const seen = new Set<string>();
  for (const start of chosen) {
    const day = dateInZone(start, timeZone);
    if (!days.has(day) || seen.has(day)) {
      throw new ValidationError("Each visit must fall on one of the series' days, one visit a day.", {
        starts: ["Each visit must fall on one of the series' days, one visit a day."],
      });
    }
    seen.add(day);
  }
  const [series] = await ctx.tx
    .insert(appointmentSeries)
    .values({
      organizationId: ctx.orgId,
      patientId: input.patientId,
      providerId: input.providerId,
      appointmentTypeId: input.appointmentTypeId,
      rule: seriesRuleText({ startDate: input.startDate, startTime: input.startTime, timeZone }, input.rule),
      createdBy: ctx.actorUserId,
    })
    .returning();
  await ctx.audit({
    action: "create",
    resourceType: "appointment_series",
    resourceId: series!.id,
    patientId: input.patientId,
    metadata: { visits: chosen.length },
  });
  const when = visitTime(timeZone);
  const booked = [];
  for (const startsAt of chosen) {
    booked.push(
      await asSeriesStep(
        () =>
          bookAppointment(ctx, {
            patientId: input.patientId,
            providerId: input.providerId,
            appointmentTypeId: input.appointmentTypeId,
            startsAt,
            mode: input.mode,
            reason: input.reason ?? null,
            bookedVia: ctx.actor.type === "api_key" ? "api" : "staff",
            online: false,
            seriesId: series!.id,
          }),
        `The visit on ${when.format(startsAt)} cannot be booked`,
        "Nothing was booked.",
      ),
    );
  }
  return { seriesId: series!.id, appointments: booked.map((a) => ({ id: a.id, startsAt: a.startsAt, endsAt: a.endsAt })) };
}

/** Where a visit stands in its series: its place, how many there are, how many are still to come. */
export async function seriesSummary(ctx: ServiceContext, appointment: Appointment) {
  const repo = appointmentsRepo(ctx.tx, ctx.orgId);
  if (!appointment.seriesId) return null;
  const visits = await repo.listInSeries({ seriesId: appointment.seriesId });
  const [series] = await ctx.tx
    .select({ rule: appointmentSeries.rule })
    .from(appointmentSeries)
    .where(and(eq(appointmentSeries.organizationId, ctx.orgId), eq(appointmentSeries.id, appointment.seriesId)));
  const interval = Number(/INTERVAL=(\d+)/.exec(series?.rule ?? "")?.[1] ?? 1);
  return {
    seriesId: appointment.seriesId,
    position: visits.findIndex((v) => v.id === appointment.id) + 1,
    total: visits.length,
    intervalWeeks: interval,
    /** This visit and the later ones that can still be cancelled. */
    cancellableFromHere: visits.filter((v) => v.startsAt >= appointment.startsAt && isChangeable(v.status)).length,
  };
}

/** Cancels this visit and every later one of its series that can still be changed (each patient e-mail as usual). */
export async function cancelSeriesFrom(ctx: MemberContext, { id, reason }: { id: string; reason?: string }) {
  const repo = appointmentsRepo(ctx.tx, ctx.orgId);
  const appointment = await repo.get({ id });
  if (!appointment.seriesId) throw new ValidationError("This visit is not part of a series.");
  const later = (await repo.listInSeries({ seriesId: appointment.seriesId, from: appointment.startsAt })).filter((v) =>
    isChangeable(v.status),
  );
  if (!later.length)
    throw new ValidationError("No visit of this series from here on can still be cancelled.", undefined, "invalid:status_transition");
  const cancelled: string[] = [];
  for (const visit of later) {
    await cancelAppointment(ctx, { id: visit.id, reason: reason || "The rest of the series was cancelled", by: "staff" });
    cancelled.push(visit.id);
  }
  return { seriesId: appointment.seriesId, cancelledIds: cancelled };
}

/**
 * Moves this visit to `startsAt` (and `providerId`, if given) and every later visit of its series
 * that can still be changed the same way: as many days later or earlier, at the new time of day,
 * in the organization's zone. Each move follows the rules of any staff move; if one cannot be
 * made, nothing moves and the answer names it.
 */
export async function rescheduleSeriesFrom(
  ctx: MemberContext,
  { id, startsAt, providerId }: { id: string; startsAt: Date; providerId?: string },
) {
  const repo = appointmentsRepo(ctx.tx, ctx.orgId);
  const appointment = await repo.get({ id });
  if (!appointment.seriesId) throw new ValidationError("This visit is not part of a series.");
  if (!isChangeable(appointment.status)) {
    throw new ValidationError("This visit can no longer be moved.", undefined, "invalid:status_transition");
  }
  const timeZone = (await organizationRepo(ctx.tx, ctx.orgId).get()).timeZone;
  const later = (await repo.listInSeries({ seriesId: appointment.seriesId, from: appointment.startsAt })).filter((v) =>
    isChangeable(v.status),
  );
  const target = Temporal.Instant.fromEpochMilliseconds(startsAt.getTime()).toZonedDateTimeISO(timeZone);
  const shiftDays = Temporal.PlainDate.from(dateInZone(appointment.startsAt, timeZone)).until(target.toPlainDate()).days;
  const moves = later.map((visit) => ({
    id: visit.id,
    startsAt: new Date(
      Temporal.PlainDate.from(dateInZone(visit.startsAt, timeZone))
        .add({ days: shiftDays })
        .toZonedDateTime({ timeZone, plainTime: target.toPlainTime() }).epochMilliseconds,
    ),
  }));
  // Later visits first when moving later (and earlier ones first when moving earlier), so no visit
  // of the series stands in the way of the next one's new time.
  if (startsAt > appointment.startsAt) moves.reverse();
  const when = visitTime(timeZone);
  for (const move of moves) {
    await asSeriesStep(
      () => rescheduleAppointment(ctx, { id: move.id, startsAt: move.startsAt, providerId, online: false }),
      `The visit moving to ${when.format(move.startsAt)} cannot move there`,
      "Nothing was moved.",
    );
  }
  return { seriesId: appointment.seriesId, movedIds: moves.map((m) => m.id) };
}
