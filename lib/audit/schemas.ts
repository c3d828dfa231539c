import { z } from "zod";
import { auditActions, patientLanguages } from "@/lib/db/schema/enum-values";
import { calendarDate, cursor, email, uuid } from "@/lib/validation/fields";
import { MAX_AUDIT_EXPORT_DAYS, MAX_REPORT_DAYS } from "./limits";

// What the audit console and the audit REST endpoints are asked for. Client-safe.

export { MAX_AUDIT_EXPORT_DAYS, MAX_AUDIT_EXPORT_ROWS } from "./limits";

const DAY_MS = 86_400_000;
/** Days from `from` to `to`, both counted. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

const range = {
  /** First and last day, inclusive, in the organization's time zone. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
};

const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;

export const auditSearchSchema = z
  .object({
    ...range,
    actor: uuid("actor must be a user id.").optional(),
    patient: uuid("patient must be a patient id.").optional(),
    action: z.enum(auditActions, `action must be one of ${auditActions.join(", ")}.`).optional(),
    resource: z
      .string()
      .trim()
      .max(60, "resource is at most 60 characters.")
      .regex(/^[a-z_]*$/, "resource is a record kind such as appointment or patient.")
      .optional()
      .transform((v) => v || undefined),
    limit: z.coerce.number().int().min(1, "limit must be at least 1.").max(200, "limit must be at most 200.").default(50),
    cursor,
  })
  .refine(rangeInOrder, { message: "The last day must not be before the first.", path: ["to"] });

export type AuditSearchQuery = z.infer<typeof auditSearchSchema>;

export const AUDIT_EXPORT_FORMATS = ["ndjson", "csv"] as const;

/** A patient's access history, a page at a time. */
export const patientAccessSchema = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1.").max(200, "limit must be at most 200.").default(50),
  cursor,
});

/** One event, by id. */
export const auditEventIdSchema = z.object({ id: uuid("That audit event was not found.") });

/** Verification takes no input. */
export const auditVerifySchema = z.strictObject({});

export const auditExportSchema = z
  .object({
    from: calendarDate,
    to: calendarDate,
    format: z.enum(AUDIT_EXPORT_FORMATS, "format must be ndjson or csv.").default("ndjson"),
  })
  .refine(rangeInOrder, { message: "The last day must not be before the first.", path: ["to"] })
  .refine((q) => q.from > q.to || daysBetween(q.from, q.to) <= MAX_AUDIT_EXPORT_DAYS, {
    message: `An export covers at most ${MAX_AUDIT_EXPORT_DAYS} days.`,
    path: ["to"],
  });

export type AuditExportQuery = z.infer<typeof auditExportSchema>;

/** A patient asks for the access report of their record's e-mail address. */
export const accessReportRequestSchema = z.object({
  email,
  language: z.enum(patientLanguages, "Choose English or Spanish.").optional(),
});

/** The period of an access report: days in the hospital's time zone, at most MAX_REPORT_DAYS. */
export const accessReportQuerySchema = z
  .object(range)
  .refine(rangeInOrder, { message: "The first day is after the last day.", path: ["from"] })
  .refine((q) => !q.from || !q.to || daysBetween(q.from, q.to) <= MAX_REPORT_DAYS, {
    message: `Choose at most ${MAX_REPORT_DAYS} days.`,
    path: ["from"],
  });
