import { Temporal } from "temporal-polyfill";

// Pure: where a provider works on a given day. An organization without active locations has no
// placement (the organization's zone, every day). Otherwise each weekday of a provider is spent at
// the location chosen for it, or at the main location (the first active one) when none is; a
// weekday set to a location that is closed (inactive) is not worked at all.

export type Site = { id: string; name: string; timeZone: string };

export type Placement<L extends Site = Site> = {
  /** Active locations, oldest first: the first is the main location. */
  locations: L[];
  /** providerId → weekday (1–7) → locationId, as set on the provider. */
  weeks: Map<string, Map<number, string>>;
};

export function placementFrom<L extends Site>(
  locations: L[],
  rows: { providerId: string; weekday: number; locationId: string }[],
): Placement<L> {
  const weeks = new Map<string, Map<number, string>>();
  for (const r of rows) {
    const week = weeks.get(r.providerId) ?? new Map<number, string>();
    week.set(r.weekday, r.locationId);
    weeks.set(r.providerId, week);
  }
  return { locations, weeks };
}

/** Weekday → location for one provider; null when the organization has no active locations. */
export function weekOf<L extends Site>(placement: Placement<L>, providerId: string): Map<number, L> | null {
  const [main] = placement.locations;
  if (!main) return null;
  const byId = new Map(placement.locations.map((l) => [l.id, l]));
  const set = placement.weeks.get(providerId);
  const out = new Map<number, L>();
  for (let day = 1; day <= 7; day++) {
    const id = set?.get(day);
    const location = id === undefined ? main : byId.get(id);
    if (location) out.set(day, location);
  }
  return out;
}

/** The locations a provider works at, each with its weekdays (for slot searches per location). */
export function sitesOf<L extends Site>(week: Map<number, L>): { location: L; workdays: Set<number> }[] {
  const out = new Map<string, { location: L; workdays: Set<number> }>();
  for (const [day, location] of week) {
    const site = out.get(location.id) ?? { location, workdays: new Set<number>() };
    site.workdays.add(day);
    out.set(location.id, site);
  }
  return [...out.values()];
}

/** The location a provider is at when a visit starts (the weekday read in that location's zone), or null if none. */
export function siteAt<L extends Site>(week: Map<number, L>, startsAt: Date): { location: L; workdays: Set<number> } | null {
  const instant = Temporal.Instant.fromEpochMilliseconds(startsAt.getTime());
  for (const site of sitesOf(week)) {
    const weekday = instant.toZonedDateTimeISO(site.location.timeZone).dayOfWeek;
    if (site.workdays.has(weekday)) return site;
  }
  return null;
}
