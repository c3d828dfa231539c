import { Temporal } from "temporal-polyfill";
import type { BusinessHours, Weekday } from "@/lib/db/schema/organization-settings";

// Pure: the slot engine. All wall-clock arithmetic goes through Temporal in the organization's
// time zone, so days of 23 or 25 hours come out right; everything else is instants (ms).

const WEEKDAY_KEYS: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MINUTE = 60_000;

export type Interval = { start: number; end: number };

export type WeeklyHours = { weekday: number; startTime: string; endTime: string };
export type DateOverride = { date: string; startTime: string | null; endTime: string | null };
export type Busy = { startsAt: Date; endsAt: Date; bufferBeforeMinutes: number; bufferAfterMinutes: number };

export type ProviderAvailability = {
  providerId: string;
  weeklyHours: WeeklyHours[];
  overrides: DateOverride[];
  timeOff: { startsAt: Date; endsAt: Date }[];
  busy: Busy[];
};

export type SlotRequest = {
  timeZone: string;
  /** Local dates, inclusive. */
  fromDate: string;
  toDate: string;
  now: Date;
  businessHours: BusinessHours;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
};

export type Slot = { providerId: string; startsAt: Date; endsAt: Date };

/** A local wall-clock time on a date → instant. Times in a spring-forward gap move forward. */
export function localToInstant(date: string, time: string, timeZone: string): number {
  const [h, m, s] = time.split(":").map(Number);
  const zdt = Temporal.PlainDate.from(date)
    .toPlainDateTime({ hour: h ?? 0, minute: m ?? 0, second: s ?? 0 })
    .toZonedDateTime(timeZone, { disambiguation: "compatible" });
  return zdt.epochMilliseconds;
}

export function subtract(intervals: Interval[], cuts: Interval[]): Interval[] {
  let result = intervals;
  for (const cut of cuts) {
    const next: Interval[] = [];
    for (const iv of result) {
      if (cut.end <= iv.start || cut.start >= iv.end) {
        next.push(iv);
        continue;
      }
      if (cut.start > iv.start) next.push({ start: iv.start, end: cut.start });
      if (cut.end < iv.end) next.push({ start: cut.end, end: iv.end });
    }
    result = next;
  }
  return result;
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  }
  return merge(out);
}

export function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((p, q) => p.start - q.start);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else out.push({ ...iv });
  }
  return out;
}

function datesBetween(fromDate: string, toDate: string): Temporal.PlainDate[] {
  const out: Temporal.PlainDate[] = [];
  let d = Temporal.PlainDate.from(fromDate);
  const last = Temporal.PlainDate.from(toDate);
  while (Temporal.PlainDate.compare(d, last) <= 0 && out.length < 800) {
    out.push(d);
    d = d.add({ days: 1 });
  }
  return out;
}

/** The provider's working intervals on one local date: overrides win over the weekly pattern. */
export function providerDayIntervals(provider: ProviderAvailability, date: Temporal.PlainDate, timeZone: string): Interval[] {
  const iso = date.toString();
  const overrides = provider.overrides.filter((o) => o.date === iso);
  if (!overrides.length && provider.weeklyHours.length === 0) {
    // No personal hours configured: the provider works whenever the organization is open.
    return [{ start: localToInstant(iso, "00:00", timeZone), end: localToInstant(date.add({ days: 1 }).toString(), "00:00", timeZone) }];
  }
  const rows = overrides.length
    ? overrides.filter((o) => o.startTime && o.endTime).map((o) => ({ startTime: o.startTime!, endTime: o.endTime! }))
    : provider.weeklyHours.filter((w) => w.weekday === date.dayOfWeek);
  return merge(
    rows
      .map((r) => ({ start: localToInstant(iso, r.startTime, timeZone), end: localToInstant(iso, r.endTime, timeZone) }))
      .filter((iv) => iv.end > iv.start),
  );
}

export function businessDayInterval(hours: BusinessHours, date: Temporal.PlainDate, timeZone: string): Interval[] {
  const day = hours[WEEKDAY_KEYS[date.dayOfWeek - 1]!];
  if (!day?.isOpen) return [];
  const iso = date.toString();
  const iv = { start: localToInstant(iso, day.start, timeZone), end: localToInstant(iso, day.end, timeZone) };
  return iv.end > iv.start ? [iv] : [];
}

/** Blocks are merged and sorted: binary-search the first that ends after the candidate starts. */
function overlapsAny(blocks: Interval[], candidate: Interval): boolean {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid]!.end <= candidate.start) lo = mid + 1;
    else hi = mid;
  }
  const next = blocks[lo];
  return next !== undefined && next.start < candidate.end;
}

function blockOf(b: Busy): Interval {
  return {
    start: b.startsAt.getTime() - b.bufferBeforeMinutes * MINUTE,
    end: b.endsAt.getTime() + b.bufferAfterMinutes * MINUTE,
  };
}

/** The provider's open intervals on one local date: business hours ∩ their hours (or overrides), minus time off. */
function openIntervals(req: Pick<SlotRequest, "businessHours" | "timeZone">, provider: ProviderAvailability, date: Temporal.PlainDate) {
  const timeOff = provider.timeOff.map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() }));
  const open = intersect(businessDayInterval(req.businessHours, date, req.timeZone), providerDayIntervals(provider, date, req.timeZone));
  return subtract(open, timeOff);
}

/** Why a start time cannot be booked, in the order the rules are checked. */
export type StartRefusal = "past" | "notice" | "horizon" | "hours" | "grid" | "taken";

export type StartVerdict =
  | { ok: true }
  | { ok: false; reason: Exclude<StartRefusal, "grid"> }
  /** Off the grid: the nearest grid starts before and after (within the same open interval), if any. */
  | { ok: false; reason: "grid"; before: Date | null; after: Date | null };

/** The rules a start time must meet, without a date range: what `checkStart` needs. */
export type StartRules = Omit<SlotRequest, "fromDate" | "toDate"> & {
  /** A start this many minutes in the past still counts as now (a booking made as the visit begins). */
  pastGraceMinutes?: number;
};

/**
 * The one rule for a new start time, shared by every way to book or move an appointment (and by
 * `computeSlots`, so the slots offered are exactly the starts accepted): not in the past, minimum
 * notice, the horizon, inside one open interval of the provider's day (working hours, date
 * overrides, time off, business hours), on the type's grid from that interval's start, and clear
 * of every other booking and hold with both sides' buffers. An appointment being moved must be
 * left out of `provider.busy` by the caller: its old time never blocks its new one, and never
 * makes an otherwise refused time acceptable either.
 */
export function checkStart(rules: StartRules, provider: ProviderAvailability, startsAt: Date): StartVerdict {
  const duration = rules.durationMinutes * MINUTE;
  const start = startsAt.getTime();
  const now = rules.now.getTime();
  if (start < now - (rules.pastGraceMinutes ?? 0) * MINUTE) return { ok: false, reason: "past" };
  if (rules.minimumNoticeMinutes > 0 && start < now + rules.minimumNoticeMinutes * MINUTE) return { ok: false, reason: "notice" };
  if (start > now + rules.bookingHorizonDays * 24 * 60 * MINUTE) return { ok: false, reason: "horizon" };
  const date = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(rules.timeZone).toPlainDate();
  const iv = openIntervals(rules, provider, date).find((i) => i.start <= start && start + duration <= i.end);
  if (!iv || duration <= 0) return { ok: false, reason: "hours" };
  const offset = (start - iv.start) % duration;
  if (offset !== 0) {
    const before = start - offset;
    const after = before + duration;
    return {
      ok: false,
      reason: "grid",
      before: new Date(before),
      after: after + duration <= iv.end ? new Date(after) : null,
    };
  }
  const candidate = { start: start - rules.bufferBeforeMinutes * MINUTE, end: start + duration + rules.bufferAfterMinutes * MINUTE };
  if (overlapsAny(merge(provider.busy.map(blockOf)), candidate)) return { ok: false, reason: "taken" };
  return { ok: true };
}

/**
 * Bookable slots for one provider: business hours ∩ provider hours (or that date's overrides),
 * minus time off; candidates step by the type's duration from each interval's start; a candidate
 * (with its buffers) must not overlap any booking (with its buffers); minimum notice and the
 * booking horizon apply. Every slot offered passes `checkStart`.
 */
export function computeSlots(req: SlotRequest, provider: ProviderAvailability): Slot[] {
  const duration = req.durationMinutes * MINUTE;
  if (duration <= 0) return [];
  const earliest = req.now.getTime() + req.minimumNoticeMinutes * MINUTE;
  const horizonEnd = req.now.getTime() + req.bookingHorizonDays * 24 * 60 * MINUTE;
  const blocks = merge(provider.busy.map(blockOf));
  const slots: Slot[] = [];

  for (const date of datesBetween(req.fromDate, req.toDate)) {
    for (const iv of openIntervals(req, provider, date)) {
      for (let start = iv.start; start + duration <= iv.end; start += duration) {
        if (start < earliest || start > horizonEnd) continue;
        const candidate = { start: start - req.bufferBeforeMinutes * MINUTE, end: start + duration + req.bufferAfterMinutes * MINUTE };
        if (overlapsAny(blocks, candidate)) continue;
        slots.push({ providerId: provider.providerId, startsAt: new Date(start), endsAt: new Date(start + duration) });
      }
    }
  }
  return slots;
}

/** "Any available provider": one slot per start time, the first provider (in the given order) free then. */
export function mergeAnyProvider(perProvider: Slot[][]): Slot[] {
  const byStart = new Map<number, Slot>();
  for (const slots of perProvider) {
    for (const slot of slots) if (!byStart.has(slot.startsAt.getTime())) byStart.set(slot.startsAt.getTime(), slot);
  }
  return [...byStart.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
