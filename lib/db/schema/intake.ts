import { sql } from "drizzle-orm";
import { check, customType, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { CardImageType, InsuranceDetails, IntakeAnswer, IntakeQuestion } from "./intake-values";
import { appointmentTypes } from "./appointment-types";
import { appointments } from "./appointments";
import { organizations } from "./organizations";
import { tenantReference } from "./tenant-keys";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

// Tenant table, at most one row per appointment type: the questions a patient answers before a
// visit of that type. Replaced as a whole when staff edit it; answers keep the words they were
// given under (see intake_responses).
export const intakeForms = pgTable(
  "intake_forms",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
    questions: jsonb("questions").$type<IntakeQuestion[]>().notNull().default([]),
    /** Bumped on every edit. */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "intake_forms_pkey", columns: [t.organizationId, t.appointmentTypeId] }),
    tenantReference("intake_forms_type_fk", { organizationId: t.organizationId, column: t.appointmentTypeId }, appointmentTypes),
    check("intake_forms_questions_array", sql`jsonb_typeof(${t.questions}) = 'array' and jsonb_array_length(${t.questions}) <= 30`),
  ],
);

// Tenant table, at most one row per appointment: what the patient (or staff for them) answered,
// their insurance and, optionally, a photo of the insurance card. It belongs to the visit (the
// patient is the visit's, so merging records moves it along). Patient data: every read and write
// is audited.
export const intakeResponses = pgTable(
  "intake_responses",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    appointmentId: uuid("appointment_id").notNull(),
    answers: jsonb("answers").$type<IntakeAnswer[]>().notNull().default([]),
    insurance: jsonb("insurance").$type<InsuranceDetails>(),
    cardImage: bytea("card_image"),
    cardImageType: text("card_image_type").$type<CardImageType>(),
    submittedBy: text("submitted_by").$type<"patient" | "staff">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "intake_responses_pkey", columns: [t.organizationId, t.appointmentId] }),
    tenantReference("intake_responses_appointment_fk", { organizationId: t.organizationId, column: t.appointmentId }, appointments),
    check("intake_responses_submitted_by", sql`${t.submittedBy} in ('patient', 'staff')`),
    check(
      "intake_responses_card_image",
      sql`(${t.cardImage} is null and ${t.cardImageType} is null) or (${t.cardImageType} in ('image/jpeg', 'image/png', 'image/webp') and octet_length(${t.cardImage}) between 1 and 2097152)`,
    ),
  ],
);

export type IntakeForm = typeof intakeForms.$inferSelect;
export type IntakeResponse = typeof intakeResponses.$inferSelect;
