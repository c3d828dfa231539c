"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { intlLocale } from "@/lib/i18n/locales";
import { addDays, addMonths, dayOfWeek, daysInMonthOf, shiftMonth } from "@/lib/time/wall-clock";

// A month of days to choose from, as a keyboard grid (WAI-ARIA date picker pattern): arrow keys
// move a day or a week, Home/End to the week's ends, Page Up/Down a month; only days with free
// times can be chosen, the others say so and stay reachable by keyboard. Every cell is at least
// 44 px square, so a thumb can hit it.

/** Monday to Sunday, short and long, in the page's language (2024-01-01 was a Monday). */
function weekdays(locale: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i, 12));
    return { short: short.format(day), long: long.format(day) };
  });
}

/** "2026-03" of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** The first and last day of a month ("2026-03" → 2026-03-01 … 2026-03-31). */
export function monthRange(month: string): { first: string; last: string } {
  return { first: `${month}-01`, last: `${month}-${String(daysInMonthOf(month)).padStart(2, "0")}` };
}

export { shiftMonth };

function weeksOf(month: string): (string | null)[][] {
  const cells: (string | null)[] = Array.from({ length: dayOfWeek(`${month}-01`) - 1 }, () => null);
  for (let d = 1; d <= daysInMonthOf(month); d++) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

const monthTitle = (month: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
const fullDay = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );

export function MonthCalendar({
  month,
  onMonthChange,
  minMonth,
  maxMonth,
  available,
  selected,
  onSelect,
  loading = false,
  today,
}: {
  month: string;
  onMonthChange: (month: string) => void;
  minMonth: string;
  maxMonth: string;
  /** Days that have at least one free time. */
  available: ReadonlySet<string>;
  selected?: string;
  onSelect: (date: string) => void;
  loading?: boolean;
  today: string;
}) {
  const t = useTranslations("Slots");
  const locale = intlLocale(useLocale());
  const titleId = useId();
  const grid = useRef<HTMLTableElement>(null);
  const [focusDate, setFocusDate] = useState<string>(selected && monthOf(selected) === month ? selected : `${month}-01`);
  const [moveFocus, setMoveFocus] = useState(false);
  const { first, last } = monthRange(month);
  // The roving tab stop stays inside the month shown.
  const focusable = focusDate >= first && focusDate <= last ? focusDate : selected && monthOf(selected) === month ? selected : first;

  useEffect(() => {
    if (!moveFocus) return;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${focusable}"]`)?.focus();
    setMoveFocus(false);
  }, [moveFocus, focusable, month]);

  function go(date: string) {
    const target = monthOf(date);
    if (target < minMonth || target > maxMonth) return;
    if (target !== month) onMonthChange(target);
    setFocusDate(date);
    setMoveFocus(true);
  }

  function onKeyDown(event: React.KeyboardEvent, date: string) {
    const weekday = dayOfWeek(date);
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(date, -1),
      ArrowRight: () => addDays(date, 1),
      ArrowUp: () => addDays(date, -7),
      ArrowDown: () => addDays(date, 7),
      Home: () => addDays(date, 1 - weekday),
      End: () => addDays(date, 7 - weekday),
      PageUp: () => addMonths(date, -1),
      PageDown: () => addMonths(date, 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    go(move());
  }

  const navButton =
    "inline-flex h-11 min-w-11 items-center justify-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";

  return (
    <div className="w-full">
      <div className="mb-2 flex items-center justify-between gap-2">
        <button
          type="button"
          className={navButton}
          disabled={month <= minMonth}
          onClick={() => onMonthChange(shiftMonth(month, -1))}
          aria-label={t("previousMonth")}
        >
          <span aria-hidden="true">←</span>
        </button>
        <h3 id={titleId} className="font-semibold" aria-live="polite">
          {monthTitle(month, locale)}
        </h3>
        <button
          type="button"
          className={navButton}
          disabled={month >= maxMonth}
          onClick={() => onMonthChange(shiftMonth(month, 1))}
          aria-label={t("nextMonth")}
        >
          <span aria-hidden="true">→</span>
        </button>
      </div>
      <table
        ref={grid}
        role="grid"
        aria-labelledby={titleId}
        aria-busy={loading || undefined}
        className="w-full table-fixed border-collapse"
      >
        <thead>
          <tr>
            {weekdays(locale).map(({ short, long }) => (
              <th key={long} scope="col" abbr={long} className="pb-1 text-center text-xs font-medium text-slate-600">
                {short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />;
                const open = available.has(date);
                const chosen = date === selected;
                const state = t("dayState", { state: loading ? "checking" : open ? "free" : "none" });
                return (
                  <td key={date} aria-selected={chosen} className="p-px text-center">
                    <button
                      type="button"
                      data-date={date}
                      tabIndex={date === focusable ? 0 : -1}
                      aria-disabled={!open || undefined}
                      aria-current={date === today ? "date" : undefined}
                      aria-label={t("dayLabel", { day: fullDay(date, locale), state })}
                      onClick={() => open && onSelect(date)}
                      onKeyDown={(e) => onKeyDown(e, date)}
                      onFocus={() => setFocusDate(date)}
                      className={`flex h-11 w-full min-w-11 items-center justify-center rounded-md text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-[var(--brand-primary)] ${
                        chosen
                          ? "bg-[var(--brand-primary)] font-semibold text-white"
                          : open
                            ? "bg-[var(--brand-primary)]/10 font-semibold text-slate-900 hover:bg-[var(--brand-primary)]/20"
                            : "cursor-default text-slate-500"
                      } ${date === today && !chosen ? "underline underline-offset-4" : ""}`}
                    >
                      {Number(date.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
