import { sql } from "drizzle-orm";
import { check, date, index, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { PatientLanguage } from "./enum-values";
import { tenantReference } from "./tenant-keys";
import { organizations } from "./organizations";
import { users } from "./users";

export const PATIENT_RECORD_STATUSES = ["active", "unverified", "review", "merged"] as const;
export type PatientRecordStatus = (typeof PATIENT_RECORD_STATUSES)[number];

export const patients = pgTable(
  "patients",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    mrn: text("mrn").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    email: text("email"),
    phone: text("phone"),
    userId: uuid("user_id").references(() => users.id),
    /**
     * active: the hospital's record. unverified: typed by an anonymous visitor booking online, e-mail
     * not proven. review: e-mail proven, but an active record has that e-mail with other details
     * (staff reconcile). merged: folded into `mergedIntoId` by staff (kept: the audit trail names it).
     * Only active records take part in e-mail uniqueness.
     */
    recordStatus: text("record_status").$type<PatientRecordStatus>().notNull().default("active"),
    mergedIntoId: uuid("merged_into_id"),
    /** When the patient agreed to appointment text messages (at booking or told to staff); null: no consent. */
    smsConsentAt: timestamp("sms_consent_at", { withTimezone: true }),
    /** When the patient replied STOP; texts resume only when they reply START. */
    smsOptedOutAt: timestamp("sms_opted_out_at", { withTimezone: true }),
    /** The language the patient last booked in online: their e-mails and texts are written in it. */
    preferredLanguage: text("preferred_language").$type<PatientLanguage>().notNull().default("en"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "patients_pkey", columns: [t.organizationId, t.id] }),
    unique("patients_org_mrn_key").on(t.organizationId, t.mrn),
    uniqueIndex("patients_org_email_key")
      .on(t.organizationId, t.email)
      .where(sql`${t.recordStatus} = 'active'`),
    check("patients_record_status_known", sql`${t.recordStatus} in ('active', 'unverified', 'review', 'merged')`),
    check("patients_preferred_language_known", sql`${t.preferredLanguage} in ('en', 'es')`),
    tenantReference(
      "patients_merged_into_fk",
      { organizationId: t.organizationId, column: t.mergedIntoId },
      {
        organizationId: t.organizationId as AnyPgColumn,
        id: t.id as AnyPgColumn,
      },
    ),
    index("patients_org_record_status_idx")
      .on(t.organizationId, t.recordStatus)
      .where(sql`${t.recordStatus} in ('unverified', 'review')`),
    check("patients_email_lower", sql`${t.email} = lower(${t.email})`),
    check("patients_mrn_present", sql`length(btrim(${t.mrn})) > 0`),
    // Search paths: name prefix (case-insensitive), date of birth.
    index("patients_org_last_first_idx").on(
      t.organizationId,
      sql`lower(${t.lastName}) text_pattern_ops`,
      sql`lower(${t.firstName}) text_pattern_ops`,
    ),
    index("patients_org_first_idx").on(t.organizationId, sql`lower(${t.firstName}) text_pattern_ops`),
    index("patients_org_dob_idx").on(t.organizationId, t.dateOfBirth),
    index("patients_org_phone_idx").on(t.organizationId, t.phone),
  ],
);

export type Patient = typeof patients.$inferSelect;
export type NewPatient = typeof patients.$inferInsert;
