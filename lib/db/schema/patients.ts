import { sql } from "drizzle-orm";
import { check, date, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "patients_pkey", columns: [t.organizationId, t.id] }),
    unique("patients_org_mrn_key").on(t.organizationId, t.mrn),
    unique("patients_org_email_key").on(t.organizationId, t.email),
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
