"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { intlLocale } from "@/lib/i18n/locales";
import { changeableOnline } from "@/lib/scheduling/change-window";
import { dayLabel, timeLabel } from "./format";

export type FreeTime = { providerId: string; startsAt: string; endsAt?: string };

/**
 * The free times of one day as 44-px buttons. A time inside the online change window is marked:
 * once booked, it cannot be changed or cancelled online, and the patient reads that before choosing.
 */
export function DayTimes({
  date,
  times,
  timeZone,
  windowHours,
  chosen,
  disabled,
  onChoose,
  providerName,
}: {
  date: string;
  times: FreeTime[];
  timeZone: string;
  windowHours: number;
  chosen?: FreeTime | null;
  disabled?: boolean;
  onChoose: (time: FreeTime) => void;
  /** Names the provider under each time (when "anyone" was chosen). */
  providerName?: (id: string) => string;
}) {
  const t = useTranslations("Slots");
  const locale = intlLocale(useLocale());
  const noteId = useId();
  const now = new Date();
  const locked = times.some((time) => !changeableOnline(time.startsAt, windowHours, now));
  const heading = times[0] ? dayLabel(times[0].startsAt, timeZone, locale) : dayLabel(`${date}T12:00:00Z`, "UTC", locale);
  return (
    <div>
      <h3 className="mb-3 font-semibold">{heading}</h3>
      {locked && (
        <p id={noteId} className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("lateNote", { hours: windowHours })}
        </p>
      )}
      {times.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noTimesThatDay")}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" aria-label={t("timesOn", { day: heading })}>
          {times.map((time) => {
            const isChosen = chosen?.startsAt === time.startsAt && chosen.providerId === time.providerId;
            const late = !changeableOnline(time.startsAt, windowHours, now);
            return (
              <li key={time.startsAt + time.providerId}>
                <button
                  type="button"
                  aria-pressed={isChosen}
                  disabled={disabled}
                  aria-describedby={late ? noteId : undefined}
                  onClick={() => onChoose(time)}
                  className={`flex min-h-11 w-full flex-col items-center justify-center rounded-md border px-3 py-2 text-sm tabular-nums transition ${
                    isChosen
                      ? "border-[var(--brand-primary)] bg-[var(--brand-primary)] text-white"
                      : "border-slate-300 bg-white hover:border-[var(--brand-primary)]"
                  } disabled:opacity-60`}
                >
                  <span className="font-medium">{timeLabel(time.startsAt, timeZone, locale)}</span>
                  {providerName && (
                    <span aria-hidden="true" className={`text-xs ${isChosen ? "text-white" : "text-slate-600"}`}>
                      {providerName(time.providerId)}
                    </span>
                  )}
                  {late && (
                    <span aria-hidden="true" className={`text-xs ${isChosen ? "text-white" : "text-amber-800"}`}>
                      {t("noOnlineChanges")}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Slots grouped by their day in the hospital's zone ("2026-03-09" → times). */
export function byDay<T extends { startsAt: string }>(slots: T[], timeZone: string): Map<string, T[]> {
  const days = new Map<string, T[]>();
  const fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  for (const s of slots) {
    const day = fmt.format(new Date(s.startsAt));
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return days;
}
