"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { QueryProvider } from "@/components/providers/query-provider";
import { intlLocale } from "@/lib/i18n/locales";
import { tenantHref } from "@/lib/tenancy/href";
import { byDay, DayTimes, type FreeTime } from "./day-times";
import { addDays, todayInZone } from "@/lib/time/wall-clock";
import { zoneLabel } from "./format";
import { MonthCalendar, monthOf, monthRange, shiftMonth } from "./month-calendar";

/**
 * A month calendar of the days with free times beside the chosen day's times (one screen from
 * 1024 px; on a phone the calendar, then the day's times, one at a time). Used by the booking
 * page and the manage page's reschedule, up to the booking horizon.
 */
export function SlotPicker(props: Parameters<typeof MonthAndTimes>[0]) {
  // Its own provider (the same browser-wide cache): the booking page loads the query library only
  // with this step, not on its first load.
  return (
    <QueryProvider>
      <MonthAndTimes {...props} />
    </QueryProvider>
  );
}

function MonthAndTimes({
  basePath,
  query,
  timeZone,
  horizonDays,
  windowHours,
  date,
  onDateChange,
  chosen,
  onChoose,
  disabled,
  providerName,
  exclude,
  empty,
}: {
  basePath: string;
  query: { type: string; provider?: string; mode: string; location?: string };
  timeZone: string;
  horizonDays: number;
  windowHours: number;
  date?: string;
  onDateChange: (date: string | undefined) => void;
  chosen?: FreeTime | null;
  onChoose: (time: FreeTime) => void;
  disabled?: boolean;
  providerName?: (id: string) => string;
  /** A start to leave out (the appointment being moved). */
  exclude?: string;
  /** Shown when the month shown has no free time at all. */
  empty?: (range: { from: string; to: string }) => React.ReactNode;
}) {
  const t = useTranslations("Slots");
  const { formError } = usePatientErrors();
  const locale = intlLocale(useLocale());
  const today = todayInZone(timeZone);
  const lastDay = addDays(today, horizonDays);
  const [month, setMonth] = useState(monthOf(date ?? today));
  const [browsed, setBrowsed] = useState(Boolean(date));
  const { first, last } = monthRange(month);
  const from = first < today ? today : first;
  const to = last > lastDay ? lastDay : last;

  const slots = useQuery({
    queryKey: ["public", basePath, "availability", query.type, query.provider ?? "any", query.mode, query.location ?? "", month],
    queryFn: async (): Promise<FreeTime[]> => {
      const q = new URLSearchParams({ type: query.type, mode: query.mode, from, to });
      if (query.provider) q.set("provider", query.provider);
      if (query.location) q.set("location", query.location);
      const response = await fetch(tenantHref(basePath, `/api/v1/public/availability?${q}`), { headers: { accept: "application/json" } });
      const body = (await response.json()) as { data?: FreeTime[]; error?: { code?: string; message?: string } };
      if (!response.ok) throw new Error(formError(body.error, "slotsFailed"));
      return body.data ?? [];
    },
  });
  const days = useMemo(() => {
    const list = (slots.data ?? []).filter((s) => !exclude || new Date(s.startsAt).getTime() !== new Date(exclude).getTime());
    return byDay(list, timeZone);
  }, [slots.data, timeZone, exclude]);
  const available = useMemo(() => new Set(days.keys()), [days]);

  // Back or forward to a day in another month: show that month.
  useEffect(() => {
    if (date) setMonth(monthOf(date));
  }, [date]);

  // Opened without a day: skip ahead to the first month that has a free time.
  useEffect(() => {
    if (!browsed && slots.data && available.size === 0 && month < monthOf(lastDay)) setMonth(shiftMonth(month, 1));
  }, [browsed, slots.data, available, month, lastDay]);

  const changeMonth = (m: string) => {
    setBrowsed(true);
    setMonth(m);
  };
  const times = date ? (days.get(date) ?? []) : [];

  return (
    <div>
      <p className="mb-4 text-sm text-slate-600">{t("zone", { zone: zoneLabel(timeZone, locale) })}</p>
      {slots.isError && (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {slots.error.message}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,24rem)_1fr]">
        <div className={date ? "hidden lg:block" : "block"}>
          <MonthCalendar
            month={month}
            onMonthChange={changeMonth}
            minMonth={monthOf(today)}
            maxMonth={monthOf(lastDay)}
            available={available}
            selected={date}
            onSelect={(d) => {
              setBrowsed(true);
              onDateChange(d);
            }}
            loading={slots.isPending}
            today={today}
          />
          {slots.isPending && (
            <p role="status" className="mt-2 text-sm text-slate-600">
              {t("finding")}
            </p>
          )}
          {slots.data && available.size === 0 && (empty ? empty({ from, to }) : <p className="mt-3 text-sm">{t("noTimesThisMonth")}</p>)}
        </div>
        <div className={date ? "block" : "hidden lg:block"}>
          {date ? (
            <>
              <button
                type="button"
                onClick={() => onDateChange(undefined)}
                className="mb-3 inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-700 lg:hidden"
              >
                {t("anotherDay")}
              </button>
              {slots.isPending ? (
                <p className="text-sm text-slate-600">{t("finding")}</p>
              ) : (
                <DayTimes
                  date={date}
                  times={times}
                  timeZone={timeZone}
                  windowHours={windowHours}
                  chosen={chosen}
                  disabled={disabled}
                  onChoose={onChoose}
                  providerName={providerName}
                />
              )}
            </>
          ) : (
            <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-700">{t("chooseDay")}</p>
          )}
        </div>
      </div>
    </div>
  );
}
