import { z } from "zod";
import { calendarDate, uuid } from "@/lib/validation/fields";

// What a report is asked for, on the reports page and in the REST API. Client-safe.

/** The longest range one report covers (a year, leap day included). */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

const reportFields = {
  /** First and last day, inclusive, in the organization's time zone. */
  from: calendarDate,
  to: calendarDate,
  provider: uuid("provider must be a provider id.").optional(),
  type: uuid("type must be an appointment type id.").optional(),
  location: uuid("location must be a location id.").optional(),
};

function withRangeRules<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => q.from <= q.to, { message: "The last day must not be before the first.", path: ["to"] })
    .refine((q) => q.from > q.to || daysBetween(q.from, q.to) <= MAX_REPORT_DAYS, {
      message: `A report covers at most ${MAX_REPORT_DAYS} days.`,
      path: ["to"],
    });
}

export const reportQuerySchema = withRangeRules(z.object(reportFields));

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const REPORT_TABLES = ["days", "providers", "types"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** A CSV of one of the report's tables. */
export const reportExportSchema = withRangeRules(
  z.object({ ...reportFields, table: z.enum(REPORT_TABLES, "table must be days, providers or types.").default("providers") }),
);

/** Time to the next free time: per type, for one provider or any, at one location or any. */
export const nextAvailableSchema = z.object({ provider: reportFields.provider, type: reportFields.type, location: reportFields.location });
