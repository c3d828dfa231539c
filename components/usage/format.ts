// Client-safe: how the plan page and the operator console write resource-usage figures, so both read
// the same. Days and months are UTC, as the usage is counted.

const counts = new Intl.NumberFormat("en-US");
const days = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const months = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** 1234 → "1,234". */
export const formatCount = (n: number) => counts.format(n);

/** "1 request", "1,234 requests". */
export const countOf = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Database time: "0 s" for none, "under 0.1 s" for a little, else seconds with one decimal ("2.4 s", "1,234.5 s"). */
export function formatDbTime(ms: number): string {
  if (ms <= 0) return "0 s";
  if (ms < 50) return "under 0.1 s";
  return `${(ms / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
}

function utcDate(isoDay: string): Date | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(isoDay);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? 1)));
}

/** "2026-12-02" → "Dec 2, 2026" (what it cannot read, it answers as given). */
export function formatUsageDay(isoDay: string): string {
  const date = utcDate(isoDay);
  return date ? days.format(date) : isoDay;
}

/** "2026-12" or "2026-12-01" → "December 2026". */
export function formatUsageMonth(isoMonth: string): string {
  const date = utcDate(isoMonth);
  return date ? months.format(date) : isoMonth;
}
