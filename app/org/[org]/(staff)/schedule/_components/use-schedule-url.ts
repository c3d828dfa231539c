"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";

export type ScheduleViewName = "day" | "week" | "list";

/** How the day view's columns are drawn: one per provider, or one per room at a location. */
export type ScheduleGrouping = "provider" | "room";

export type ScheduleState = { view: ScheduleViewName; date: string; provider: string; by: ScheduleGrouping; location: string };

const VIEWS: readonly ScheduleViewName[] = ["day", "week", "list"];
const GROUPINGS: readonly ScheduleGrouping[] = ["provider", "room"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The schedule's view, day, provider and columns live in the address (`?view=week&date=2027-01-05&provider=…`,
 * `?by=room&location=…` for a column per room at one location):
 * a reload shows the same schedule, Back returns to the previous one, and a link can be shared at
 * the desk. Values that are missing or not valid fall back to the member's defaults.
 *
 * The address changes through Next.js's router (history.pushState, no round trip to the server).
 * A change of address drops the answer of any server action still in flight — its promise never
 * settles — so the reads under `reads` that are being fetched are cancelled at that moment: React
 * Query then asks again for whatever is on screen instead of waiting forever.
 */
export function useScheduleUrl(
  defaults: ScheduleState,
  ids: { providers: readonly string[]; locations: readonly string[] },
  lockedProvider: string | null,
  reads: QueryKey,
) {
  const params = useSearchParams();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const view = params.get("view");
  const date = params.get("date");
  const provider = params.get("provider");
  const by = params.get("by");
  const location = params.get("location");
  const state: ScheduleState = {
    view: VIEWS.includes(view as ScheduleViewName) ? (view as ScheduleViewName) : defaults.view,
    date: date && DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : defaults.date,
    provider: lockedProvider ?? (provider && (provider === "all" || ids.providers.includes(provider)) ? provider : defaults.provider),
    // Room columns need a location to draw; an organization without one only has provider columns.
    by: GROUPINGS.includes(by as ScheduleGrouping) && ids.locations.length > 0 ? (by as ScheduleGrouping) : defaults.by,
    location: location && ids.locations.includes(location) ? location : defaults.location,
  };

  const dropInFlight = useCallback(
    () => void queryClient.cancelQueries({ queryKey: reads, fetchStatus: "fetching" }),
    [queryClient, reads],
  );

  useEffect(() => {
    window.addEventListener("popstate", dropInFlight);
    return () => window.removeEventListener("popstate", dropInFlight);
  }, [dropInFlight]);

  const update = useCallback(
    (change: Partial<ScheduleState>) => {
      // From the address as it is now, not as it was at the last render: two quick changes (a day,
      // then a provider) must both stick, though the first has not re-rendered yet.
      const current = new URLSearchParams(window.location.search);
      const next = new URLSearchParams(current.toString());
      for (const [key, value] of Object.entries(change)) next.set(key, value);
      if (next.toString() === current.toString()) return;
      window.history.pushState(null, "", `${pathname}?${next.toString()}`);
      dropInFlight();
    },
    [pathname, dropInFlight],
  );

  return [state, update] as const;
}
