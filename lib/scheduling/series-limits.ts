// Client-safe: how large a recurring series may be (the schemas and the booking dialog share these).

/** The most visits one series books, and how far its last one may be. */
export const MAX_SERIES_VISITS = 52;
export const MAX_SERIES_DAYS = 366;

/** Weekly, every N weeks, for a number of visits or until a date (inclusive). */
export type SeriesRule = { intervalWeeks: number; count?: number; until?: string };
