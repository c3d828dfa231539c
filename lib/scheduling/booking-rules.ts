import "server-only";
import { Temporal } from "temporal-polyfill";
import { ConflictError, ValidationError } from "@/lib/errors/app-error";
import { hashToken } from "@/lib/auth/links";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { dayBounds } from "@/lib/time/calendar";
import { appointmentsRepo } from "./appointments-repository";
import type { SchedulingFacts } from "./availability";
import { holdsRepo } from "./holds-repository";
import { checkStart, type StartRules } from "./slots";
import { locationsRepo, resourcesRepo } from "@/lib/locations/repository";
import { siteAt, weekOf } from "./placement";

export const TAKEN_MESSAGE = "That time was just taken. Please choose another time.";

/** Buffers reach at most this far beyond an appointment (the appointment type's limit). */
const BUFFER_REACH_MS = 4 * 3_600_000;
/** A desk booking made as the visit begins still counts as now. */
const STAFF_PAST_GRACE_MINUTES = 5;

/**
 * Whose rules a new time is checked by. `patient`: the public site, manage links — the online
 * minimum notice and booking horizon. `staff`: the schedule, the REST API and waiting-list offers
 * (made by the hospital) — no minimum notice (the desk may book a visit that starts soon; never
 * one in the past) and the organization's staff horizon. Working hours, date overrides, time off,
 * the slot grid, buffers and overlaps hold for everyone: to see a patient outside a provider's
 * hours, staff first add a date override for that day.
 */
export type BookingPolicy = "patient" | "staff";

export function rulesFor(facts: SchedulingFacts, policy: BookingPolicy, now: Date): StartRules {
  const { settings, type, organization } = facts;
  return {
    timeZone: organization.timeZone,
    now,
    businessHours: settings.businessHours,
    durationMinutes: type.durationMinutes,
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    minimumNoticeMinutes: policy === "patient" ? settings.minimumNoticeMinutes : 0,
    bookingHorizonDays: policy === "patient" ? settings.bookingHorizonDays : settings.staffBookingHorizonDays,
    pastGraceMinutes: policy === "patient" ? 0 : STAFF_PAST_GRACE_MINUTES,
  };
}

function noticeText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

function clock(at: Date, timeZone: string): string {
  const t = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

const refuse = (message: string) => new ValidationError(message, { startsAt: [message] }, "invalid:starts_at");

/** Where an accepted time takes place: the provider's location that day and the resource it holds. */
export type Placed = { locationId: string | null; resourceId: string | null };

/**
 * The one check of a new start time for every way to create or move an appointment — public
 * booking, holds, manage links, the staff schedule, the REST API and waiting-list claims. It reads
 * the provider's hours, overrides, time off, bookings and live holds around that day and applies
 * `checkStart`. `movingAppointmentId` leaves the appointment being moved out of the bookings (its
 * old time does not block its new one); `holdToken` leaves the caller's own hold out. Call it
 * with the provider's row lock held; the exclusion constraint stays the final word on overlaps.
 * Where the organization has locations, the time is read at the location the provider works at
 * that weekday (in its zone), and a type that needs a resource kind takes a free one there (locked,
 * so two bookings wanting the last room take turns; the resource's exclusion constraint stays the
 * final word). User-caused refusals are 400 invalid:starts_at with the reason, or 409 when the
 * time (or every resource it needs) is taken.
 */
export async function assertBookable(
  ctx: ServiceContext,
  facts: SchedulingFacts,
  input: {
    providerId: string;
    startsAt: Date;
    policy: BookingPolicy;
    movingAppointmentId?: string;
    holdToken?: string | null;
    now?: Date;
    /** The location the caller chose: the provider must be there that day. */
    locationId?: string | null;
  },
): Promise<Placed> {
  const now = input.now ?? new Date();
  const week = weekOf(facts.placement, input.providerId);
  const site = week ? siteAt(week, input.startsAt) : null;
  if (week && !site) throw refuse("That time is outside the provider's working hours.");
  if (input.locationId && site?.location.id !== input.locationId) {
    throw refuse(site ? `On that day the provider works at ${site.location.name}.` : "That location is not open for booking.");
  }
  const rules = { ...rulesFor(facts, input.policy, now), ...(site ? { timeZone: site.location.timeZone } : {}) };
  const tz = rules.timeZone;
  const day = Temporal.Instant.fromEpochMilliseconds(input.startsAt.getTime()).toZonedDateTimeISO(tz).toPlainDate().toString();
  const { from, to } = dayBounds(day, tz);
  const ids = [input.providerId];
  const avail = providerAvailabilityRepo(ctx.tx, ctx.orgId);
  const near = { from: new Date(from.getTime() - BUFFER_REACH_MS), to: new Date(to.getTime() + BUFFER_REACH_MS) };
  const [weeklyHours, overrides, timeOff, busy, holds] = [
    await avail.weeklyHours({ providerIds: ids }),
    await avail.overrides({ providerIds: ids, fromDate: day, toDate: day }),
    await avail.timeOff({ providerIds: ids, from, to }),
    await appointmentsRepo(ctx.tx, ctx.orgId).listBusy({ providerIds: ids, from, to }),
    await holdsRepo(ctx.tx, ctx.orgId).liveForProviders({ providerIds: ids, ...near, now }),
  ];
  const ownHold = input.holdToken ? hashToken(input.holdToken) : null;
  const verdict = checkStart(
    rules,
    {
      providerId: input.providerId,
      weeklyHours,
      overrides,
      timeOff,
      busy: [...busy.filter((b) => b.id !== input.movingAppointmentId), ...holds.filter((h) => h.tokenHash !== ownHold)],
      workdays: site?.workdays,
    },
    input.startsAt,
  );
  if (verdict.ok) {
    // The location is kept open until this booking commits (closing it waits, then counts this visit).
    if (site && !(await locationsRepo(ctx.tx, ctx.orgId).holdOpen({ id: site.location.id }))) {
      throw refuse("That location is not open for booking.");
    }
    const resourceId = await takeResource(ctx, facts, {
      site: site?.location ?? null,
      startsAt: input.startsAt,
      now,
      movingAppointmentId: input.movingAppointmentId,
      ownHold,
    });
    return { locationId: site?.location.id ?? null, resourceId };
  }
  switch (verdict.reason) {
    case "past":
      throw refuse("That time is in the past.");
    case "notice":
      throw refuse(`Online bookings need at least ${noticeText(rules.minimumNoticeMinutes)} notice. Please choose a later time.`);
    case "horizon":
      throw refuse(
        input.policy === "patient"
          ? `Online bookings can be made up to ${rules.bookingHorizonDays} days ahead. Please choose an earlier date.`
          : `Appointments can be booked up to ${rules.bookingHorizonDays} days ahead (a scheduling setting).`,
      );
    case "hours":
      throw refuse("That time is outside the provider's working hours.");
    case "grid": {
      const choices = [verdict.before, verdict.after].filter((d): d is Date => d !== null).map((d) => clock(d, tz));
      throw refuse(
        `${facts.type.name} appointments start every ${rules.durationMinutes} minutes from the start of the working day` +
          (choices.length ? `: choose ${choices.join(" or ")}.` : "."),
      );
    }
    case "taken":
      throw new ConflictError("appointment_overlap", TAKEN_MESSAGE);
  }
}

/**
 * The resource a visit of this type holds: the first active one of the required kind at the
 * location that is free for the visit and its buffers (none for types without a kind, or by video).
 */
async function takeResource(
  ctx: ServiceContext,
  facts: SchedulingFacts,
  input: { site: { id: string; name: string } | null; startsAt: Date; now: Date; movingAppointmentId?: string; ownHold: string | null },
): Promise<string | null> {
  const kind = facts.type.requiredResourceKind;
  if (!kind || facts.mode === "telehealth") return null;
  if (!input.site) {
    throw new ValidationError(
      `${facts.type.name} visits need a ${kind}, and no location with one is set up.`,
      undefined,
      "invalid:location",
    );
  }
  const candidates = await resourcesRepo(ctx.tx, ctx.orgId).lockOfKind({ locationId: input.site.id, kind });
  if (!candidates.length) {
    throw new ValidationError(`${facts.type.name} visits need a ${kind}, and ${input.site.name} has none.`, undefined, "invalid:location");
  }
  const start = input.startsAt.getTime() - facts.type.bufferBeforeMinutes * 60_000;
  const end = input.startsAt.getTime() + (facts.type.durationMinutes + facts.type.bufferAfterMinutes) * 60_000;
  const near = { from: new Date(start), to: new Date(end) };
  const ids = candidates.map((r) => r.id);
  const [booked, held] = [
    await appointmentsRepo(ctx.tx, ctx.orgId).resourceBlocks({ resourceIds: ids, ...near, exceptId: input.movingAppointmentId }),
    await holdsRepo(ctx.tx, ctx.orgId).liveResourceBlocks({ resourceIds: ids, ...near, now: input.now }),
  ];
  const blocks = [...booked, ...held.filter((h) => h.tokenHash !== input.ownHold)];
  const free = candidates.find((r) => !blocks.some((b) => b.resourceId === r.id && b.start < end && b.end > start));
  if (!free) {
    throw new ConflictError("resource_overlap", `Every ${kind} at ${input.site.name} is booked at that time. Please choose another time.`);
  }
  return free.id;
}
