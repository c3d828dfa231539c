// Pure and client-safe: the time zones offered first; any other IANA name can be typed.
export const COMMON_TIME_ZONES: readonly (readonly [zone: string, label: string])[] = [
  ["America/New_York", "Eastern — New York"],
  ["America/Chicago", "Central — Chicago"],
  ["America/Denver", "Mountain — Denver"],
  ["America/Phoenix", "Arizona — Phoenix (no daylight saving)"],
  ["America/Los_Angeles", "Pacific — Los Angeles"],
  ["America/Anchorage", "Alaska — Anchorage"],
  ["Pacific/Honolulu", "Hawaii — Honolulu"],
  ["America/Puerto_Rico", "Atlantic — Puerto Rico"],
];

export function isCommonTimeZone(zone: string): boolean {
  return COMMON_TIME_ZONES.some(([z]) => z === zone);
}

/** Every IANA zone the browser knows (for suggestions); empty where Intl cannot list them. */
export function allTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}
