import { RRule } from "rrule";
import { Temporal } from "temporal-polyfill";
import { MAX_SERIES_DAYS, MAX_SERIES_VISITS, type SeriesRule } from "./series-schemas";

// Pure: a weekly series as an RFC 5545 rule and its visits. The rule repeats a wall-clock time in
// the organization's zone — 10:00 stays 10:00 across a daylight-saving change — so occurrences are
// computed on floating local times (the library's UTC standing for "local") and each one is then
// placed in the zone; a time that does not exist that day (inside a spring-forward gap) moves
// forward, as everywhere else in the schedule.

export type SeriesStart = { startDate: string; startTime: string; timeZone: string };

function floating(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [h, min] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, h, min));
}

function ruleOf(start: SeriesStart, rule: SeriesRule): RRule {
  const last = Temporal.PlainDate.from(start.startDate).add({ days: MAX_SERIES_DAYS - 1 });
  const until = rule.until && rule.until < last.toString() ? rule.until : last.toString();
  return new RRule({
    freq: RRule.WEEKLY,
    interval: rule.intervalWeeks,
    dtstart: floating(start.startDate, start.startTime),
    ...(rule.count !== undefined ? { count: Math.min(rule.count, MAX_SERIES_VISITS) } : { until: floating(until, "23:59") }),
  });
}

/** The rule as iCalendar text: `DTSTART;TZID=…:…` and `RRULE:…`. */
export function seriesRuleText(start: SeriesStart, rule: SeriesRule): string {
  const [, rrule] = ruleOf(start, rule).toString().split("\n");
  const local = `${start.startDate.replaceAll("-", "")}T${start.startTime.replace(":", "")}00`;
  return `DTSTART;TZID=${start.timeZone}:${local}\n${rrule}`;
}

/** Each visit's start, as instants, in order: at most MAX_SERIES_VISITS within MAX_SERIES_DAYS. */
export function seriesStarts(start: SeriesStart, rule: SeriesRule): Date[] {
  const last = floating(
    Temporal.PlainDate.from(start.startDate)
      .add({ days: MAX_SERIES_DAYS - 1 })
      .toString(),
    "23:59",
  );
  return ruleOf(start, rule)
    .all((date, i) => i < MAX_SERIES_VISITS && date <= last)
    .filter((date) => date <= last)
    .map((date) => {
      const wall = Temporal.PlainDateTime.from({
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
      });
      return new Date(wall.toZonedDateTime(start.timeZone, { disambiguation: "compatible" }).epochMilliseconds);
    });
}
