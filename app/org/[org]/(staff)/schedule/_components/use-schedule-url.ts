"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export type ScheduleViewName = "day" | "week" | "list";

export type ScheduleState = { view: ScheduleViewName; date: string; provider: string };

const VIEWS: readonly ScheduleViewName[] = ["day", "week", "list"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The schedule's view, day and provider live in the address (`?view=week&date=2027-01-05&provider=…`):
 * a reload shows the same schedule, Back returns to the previous one, and a link can be shared at
 * the desk. Values that are missing or not valid fall back to the member's defaults.
 */
export function useScheduleUrl(defaults: ScheduleState, providerIds: readonly string[], lockedProvider: string | null) {
  const params = useSearchParams();
  const pathname = usePathname();
  const view = params.get("view");
  const date = params.get("date");
  const provider = params.get("provider");
  const state: ScheduleState = {
    view: VIEWS.includes(view as ScheduleViewName) ? (view as ScheduleViewName) : defaults.view,
    date: date && DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : defaults.date,
    provider: lockedProvider ?? (provider && (provider === "all" || providerIds.includes(provider)) ? provider : defaults.provider),
  };

  const update = useCallback(
    (change: Partial<ScheduleState>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(change)) next.set(key, value);
      // Next.js keeps useSearchParams in step with the history API, without a round trip to the server.
      window.history.pushState(null, "", `${pathname}?${next.toString()}`);
    },
    [params, pathname],
  );

  return [state, update] as const;
}
