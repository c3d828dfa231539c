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
  /** Bookings and holds already widened by their buffers (epoch ms), as the slot search reads them. */
  blocks?: Interval[];
  /**
   * The weekdays (1 = Monday … 7 = Sunday) this search covers, when the provider works at several
   * locations: the other days are spent elsewhere and offer nothing here. Absent: every day.
   */
  workdays?: ReadonlySet<number>;
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

export type Slot = {
  providerId: string;
  startsAt: Date;
  endsAt: Date;
  /** Where the provider works that day; absent (or null) where the organization has no locations. */
  locationId?: string | null;
};

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

/**
 * One local date in the zone, with its wall clock resolved once. On a day whose offset does not
 * change (every day but the few with a daylight-saving transition), a local time is plain
 * arithmetic: the UTC reading of the wall clock minus the day's offset. Only transition days, and
 * anything out of the ordinary, go through Temporal (`localToInstant`).
 */
type Day = {
  iso: string;
  /** 1 = Monday … 7 = Sunday, as Temporal's dayOfWeek. */
  weekday: number;
  /** UTC reading of the local midnight that starts the day. */
  wallMidnight: number;
  /** Instants of the local midnights that start and end the day. */
  start: number;
  end: number;
  /** The zone's offset all day long, or null if it changes (or cannot be trusted) that day. */
  offsetMs: number | null;
  timeZone: string;
};

const DAY_MS = 86_400_000;

function isoOfWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

// Local midnights by zone and date. A pure function of both (for one tz database), asked for the
// same few dozen dates by every slot search: cached, bounded.
const midnights = new Map<string, { instant: number; offsetMs: number }>();
const MIDNIGHTS_MAX = 20_000;

function midnightInstant(wall: number, timeZone: string): { instant: number; offsetMs: number } {
  const key = `${timeZone}|${wall}`;
  const known = midnights.get(key);
  if (known) return known;
  const d = new Date(wall);
  const zdt = Temporal.PlainDateTime.from({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  }).toZonedDateTime(timeZone, { disambiguation: "compatible" });
  const value = { instant: zdt.epochMilliseconds, offsetMs: zdt.offsetNanoseconds / 1e6 };
  if (midnights.size >= MIDNIGHTS_MAX) midnights.clear();
  midnights.set(key, value);
  return value;
}

function makeDay(
  wall: number,
  timeZone: string,
  at: { instant: number; offsetMs: number },
  next: { instant: number; offsetMs: number },
): Day {
  // Trusted only when local midnight exists as such (not in a gap) and the offset is the same at
  // both ends of a 24-hour day.
  const steady = wall - at.offsetMs === at.instant && next.offsetMs === at.offsetMs && next.instant - at.instant === DAY_MS;
  return {
    iso: isoOfWall(wall),
    weekday: ((new Date(wall).getUTCDay() + 6) % 7) + 1,
    wallMidnight: wall,
    start: at.instant,
    end: next.instant,
    offsetMs: steady ? at.offsetMs : null,
    timeZone,
  };
}

/** Local dates from fromDate to toDate inclusive (at most 800), each with its clock resolved. */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC reading of a date's midnight; Temporal's parser for anything but plain YYYY-MM-DD. */
function wallOf(date: string): number {
  const m = ISO_DAY.exec(date);
  if (m) {
    const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (isoOfWall(wall) === date) return wall;
  }
  const d = Temporal.PlainDate.from(date);
  return Date.UTC(d.year, d.month - 1, d.day);
}

/** Local dates from fromDate to toDate inclusive (at most 800), each with its clock resolved. */
function daysBetween(fromDate: string, toDate: string, timeZone: string): Day[] {
  const out: Day[] = [];
  let wall = wallOf(fromDate);
  const lastWall = wallOf(toDate);
  let at = midnightInstant(wall, timeZone);
  while (wall <= lastWall && out.length < 800) {
    const next = midnightInstant(wall + DAY_MS, timeZone);
    out.push(makeDay(wall, timeZone, at, next));
    wall += DAY_MS;
    at = next;
  }
  return out;
}

function dayOfDate(date: Temporal.PlainDate, timeZone: string): Day {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  return makeDay(wall, timeZone, midnightInstant(wall, timeZone), midnightInstant(wall + DAY_MS, timeZone));
}

/** A wall-clock time ("HH:MM" or "HH:MM:SS") on the day → instant; the same answer as localToInstant. */
function instantOn(day: Day, time: string): number {
  if (day.offsetMs !== null && (time.length === 5 || time.length === 8)) {
    const h = Number(time.slice(0, 2));
    const m = Number(time.slice(3, 5));
    const s = time.length === 8 ? Number(time.slice(6, 8)) : 0;
    if (h >= 0 && h < 24 && m >= 0 && m < 60 && s >= 0 && s < 60 && time[2] === ":" && (time.length === 5 || time[5] === ":")) {
      return day.wallMidnight + ((h * 60 + m) * 60 + s) * 1000 - day.offsetMs;
    }
  }
  return localToInstant(day.iso, time, day.timeZone);
}

function providerIntervalsOn(provider: ProviderAvailability, day: Day): Interval[] {
  if (provider.workdays && !provider.workdays.has(day.weekday)) return [];
  const overrides = provider.overrides.filter((o) => o.date === day.iso);
  if (!overrides.length && provider.weeklyHours.length === 0) {
    // No personal hours configured: the provider works whenever the organization is open.
    return [{ start: day.start, end: day.end }];
  }
  const rows = overrides.length
    ? overrides.filter((o) => o.startTime && o.endTime).map((o) => ({ startTime: o.startTime!, endTime: o.endTime! }))
    : provider.weeklyHours.filter((w) => w.weekday === day.weekday);
  return merge(rows.map((r) => ({ start: instantOn(day, r.startTime), end: instantOn(day, r.endTime) })).filter((iv) => iv.end > iv.start));
}

function businessIntervalOn(hours: BusinessHours, day: Day): Interval[] {
  const open = hours[WEEKDAY_KEYS[day.weekday - 1]!];
  if (!open?.isOpen) return [];
  const iv = { start: instantOn(day, open.start), end: instantOn(day, open.end) };
  return iv.end > iv.start ? [iv] : [];
}

/** The provider's working intervals on one local date: overrides win over the weekly pattern. */
export function providerDayIntervals(provider: ProviderAvailability, date: Temporal.PlainDate, timeZone: string): Interval[] {
  return providerIntervalsOn(provider, dayOfDate(date, timeZone));
}

export function businessDayInterval(hours: BusinessHours, date: Temporal.PlainDate, timeZone: string): Interval[] {
  return businessIntervalOn(hours, dayOfDate(date, timeZone));
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

/** Every booking and hold of the provider as one merged, sorted list of blocked intervals. */
function blockedIntervals(provider: ProviderAvailability): Interval[] {
  const blocks = provider.busy.map(blockOf);
  if (provider.blocks) for (const b of provider.blocks) blocks.push({ start: b.start, end: b.end });
  return merge(blocks);
}

function timeOffIntervals(provider: ProviderAvailability): Interval[] {
  return provider.timeOff.map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() }));
}

/** The provider's open intervals on one local date: business hours ∩ their hours (or overrides), minus time off. */
function openIntervals(req: Pick<SlotRequest, "businessHours">, provider: ProviderAvailability, day: Day, timeOff: Interval[]) {
  const open = intersect(businessIntervalOn(req.businessHours, day), providerIntervalsOn(provider, day));
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
  const iv = openIntervals(rules, provider, dayOfDate(date, rules.timeZone), timeOffIntervals(provider)).find(
    (i) => i.start <= start && start + duration <= i.end,
  );
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
  if (overlapsAny(blockedIntervals(provider), candidate)) return { ok: false, reason: "taken" };
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
  const blocks = blockedIntervals(provider);
  const timeOff = timeOffIntervals(provider);
  const before = req.bufferBeforeMinutes * MINUTE;
  const after = req.bufferAfterMinutes * MINUTE;
  const slots: Slot[] = [];

  // Candidates only move forward in time, so the first block that might overlap one only moves
  // forward too: one pass over the blocks instead of a search per candidate.
  let b = 0;
  let lastFrom = -Infinity;
  for (const day of daysBetween(req.fromDate, req.toDate, req.timeZone)) {
    for (const iv of openIntervals(req, provider, day, timeOff)) {
      for (let start = iv.start; start + duration <= iv.end; start += duration) {
        if (start < earliest || start > horizonEnd) continue;
        const from = start - before;
        const to = start + duration + after;
        if (from < lastFrom) b = 0;
        lastFrom = from;
        while (b < blocks.length && blocks[b]!.end <= from) b++;
        if (b < blocks.length && blocks[b]!.start < to) continue;
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
