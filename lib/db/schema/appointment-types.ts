import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

export const appointmentTypes = pgTable(
  "appointment_types",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    durationMinutes: integer("duration_minutes").notNull(),
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    telehealthAllowed: boolean("telehealth_allowed").notNull().default(false),
    onlineBookable: boolean("online_bookable").notNull().default(true),
    active: boolean("active").notNull().default(true),
    /** A visit of this type also needs a free resource of this kind (a room, a machine) at its location. */
    requiredResourceKind: text("required_resource_kind"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "appointment_types_pkey", columns: [t.organizationId, t.id] }),
    unique("appointment_types_org_name_key").on(t.organizationId, t.name),
    check("appointment_types_duration_range", sql`${t.durationMinutes} between 5 and 480`),
    check("appointment_types_resource_kind_lower", sql`${t.requiredResourceKind} = lower(${t.requiredResourceKind})`),
    check("appointment_types_buffers_range", sql`${t.bufferBeforeMinutes} between 0 and 240 and ${t.bufferAfterMinutes} between 0 and 240`),
  ],
);

export type AppointmentType = typeof appointmentTypes.$inferSelect;
export type NewAppointmentType = typeof appointmentTypes.$inferInsert;
