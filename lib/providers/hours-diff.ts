import type { BusinessHours, Weekday } from "@/lib/db/schema/organization-settings";

// What saving a provider's weekly hours changes, day by day, in the words the editor shows. A
// provider without any weekly hours follows the organization's business hours every day; once any
// day has hours, a day without them is a day off. So one added day can change all the others:
// this module names every day that changes and how. Pure and client-safe.

export type HoursRow = { weekday: number; startTime: string; endTime: string };

const WEEKDAY_KEYS: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** One day as it is worked: the organization's hours (open or closed), own hours, or not working. */
export type DayHours =
  | { kind: "organization"; intervals: { startTime: string; endTime: string }[] }
  | { kind: "own"; intervals: { startTime: string; endTime: string }[] }
  | { kind: "off" };

export type DayChange = {
  weekday: number;
  day: (typeof WEEKDAY_NAMES)[number];
  before: DayHours;
  after: DayHours;
  /** What happens, in a few words, when it is more than new times. */
  effect: "stops_following_organization" | "becomes_not_working" | "follows_organization_again" | null;
};

/** The organization's hours on one ISO weekday (1 = Monday), as intervals (none when closed). */
export function organizationDay(hours: BusinessHours, weekday: number): { startTime: string; endTime: string }[] {
  const day = hours[WEEKDAY_KEYS[weekday - 1]!];
  return day?.isOpen ? [{ startTime: day.start, endTime: day.end }] : [];
}

/** How the provider works on a weekday, given their whole week's rows. */
export function dayHours(rows: HoursRow[], organization: BusinessHours, weekday: number): DayHours {
  if (rows.length === 0) return { kind: "organization", intervals: organizationDay(organization, weekday) };
  const own = rows
    .filter((r) => r.weekday === weekday)
    .sort((a, b) => a.startTime.localeCompare(b.startTime))
    .map((r) => ({ startTime: r.startTime, endTime: r.endTime }));
  return own.length ? { kind: "own", intervals: own } : { kind: "off" };
}

const same = (a: DayHours, b: DayHours) => JSON.stringify(a) === JSON.stringify(b);

/** Every weekday whose hours (or whose source of hours) a save changes, Monday first. */
export function weeklyHoursChanges(before: HoursRow[], after: HoursRow[], organization: BusinessHours): DayChange[] {
  const changes: DayChange[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const b = dayHours(before, organization, weekday);
    const a = dayHours(after, organization, weekday);
    if (same(a, b)) continue;
    // A day the organization is closed was not worked before either: it only stops following the organization.
    const effect =
      a.kind === "off" && (b.kind === "own" || (b.kind === "organization" && b.intervals.length > 0))
        ? "becomes_not_working"
        : b.kind === "organization" && a.kind !== "organization"
          ? "stops_following_organization"
          : b.kind !== "organization" && a.kind === "organization"
            ? "follows_organization_again"
            : null;
    changes.push({ weekday, day: WEEKDAY_NAMES[weekday - 1]!, before: b, after: a, effect });
  }
  return changes;
}

/** A day's hours in words: "09:00–12:00, 13:00–17:00", "Organization's hours (08:00–18:00)", "Not working". */
export function describeDay(day: DayHours): string {
  const times = (intervals: { startTime: string; endTime: string }[]) => intervals.map((i) => `${i.startTime}–${i.endTime}`).join(", ");
  if (day.kind === "off") return "Not working";
  if (day.kind === "own") return times(day.intervals);
  return day.intervals.length ? `Organization's hours (${times(day.intervals)})` : "Organization's hours (closed)";
}

export const EFFECT_LABELS: Record<NonNullable<DayChange["effect"]>, string> = {
  stops_following_organization: "stops following the organization's hours",
  becomes_not_working: "becomes not working",
  follows_organization_again: "follows the organization's hours again",
};

/** The week a provider starts from when they first get hours of their own: the organization's. */
export function organizationWeek(organization: BusinessHours): HoursRow[] {
  const rows: HoursRow[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) for (const i of organizationDay(organization, weekday)) rows.push({ weekday, ...i });
  return rows;
}
