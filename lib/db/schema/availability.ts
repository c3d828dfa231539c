import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, smallint, text, time, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantReference } from "./tenant-keys";
import { appointmentTypes } from "./appointment-types";
import { appointmentMode } from "./enums";
import { organizations } from "./organizations";
import { providers } from "./providers";
import { resources } from "./locations";

// A provider's regular week: several intervals a day allowed. weekday 1 = Monday … 7 = Sunday.
export const providerWorkingHours = pgTable(
  "provider_working_hours",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    providerId: uuid("provider_id").notNull(),
    weekday: smallint("weekday").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
  },
  (t) => [
    primaryKey({ name: "provider_working_hours_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("provider_working_hours_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers).onDelete(
      "cascade",
    ),
    check("provider_working_hours_weekday", sql`${t.weekday} between 1 and 7`),
    check("provider_working_hours_order", sql`${t.endTime} > ${t.startTime}`),
    index("provider_working_hours_provider_idx").on(t.organizationId, t.providerId, t.weekday),
  ],
);

// Replaces a provider's hours on one date: rows with times are the hours that day; a row without
// times marks the whole day unavailable.
export const providerDateOverrides = pgTable(
  "provider_date_overrides",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    providerId: uuid("provider_id").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    startTime: time("start_time"),
    endTime: time("end_time"),
    note: text("note"),
  },
  (t) => [
    primaryKey({ name: "provider_date_overrides_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("provider_date_overrides_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers).onDelete(
      "cascade",
    ),
    check(
      "provider_date_overrides_times",
      sql`(${t.startTime} is null and ${t.endTime} is null) or (${t.startTime} is not null and ${t.endTime} > ${t.startTime})`,
    ),
    index("provider_date_overrides_provider_idx").on(t.organizationId, t.providerId, t.date),
  ],
);

export const providerTimeOff = pgTable(
  "provider_time_off",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    providerId: uuid("provider_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ name: "provider_time_off_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("provider_time_off_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers).onDelete(
      "cascade",
    ),
    check("provider_time_off_order", sql`${t.endsAt} > ${t.startsAt}`),
    index("provider_time_off_provider_idx").on(t.organizationId, t.providerId, t.startsAt),
  ],
);

// Which appointment types a provider offers.
export const providerAppointmentTypes = pgTable(
  "provider_appointment_types",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    providerId: uuid("provider_id").notNull(),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "provider_appointment_types_pkey", columns: [t.organizationId, t.providerId, t.appointmentTypeId] }),
    tenantReference(
      "provider_appointment_types_provider_fk",
      { organizationId: t.organizationId, column: t.providerId },
      providers,
    ).onDelete("cascade"),
    tenantReference(
      "provider_appointment_types_type_fk",
      { organizationId: t.organizationId, column: t.appointmentTypeId },
      appointmentTypes,
    ).onDelete("cascade"),
  ],
);

// A short reservation while a patient types their details. Taken under the provider's row lock
// against live appointments and other live holds; the appointment's exclusion constraint stays
// the final word.
export const bookingHolds = pgTable(
  "booking_holds",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    providerId: uuid("provider_id").notNull(),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
    mode: appointmentMode("mode").notNull().default("in_person"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    /** The room or equipment the held visit would need (held with it). */
    resourceId: uuid("resource_id"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "booking_holds_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("booking_holds_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers).onDelete("cascade"),
    tenantReference("booking_holds_type_fk", { organizationId: t.organizationId, column: t.appointmentTypeId }, appointmentTypes).onDelete(
      "cascade",
    ),
    tenantReference("booking_holds_resource_fk", { organizationId: t.organizationId, column: t.resourceId }, resources).onDelete("cascade"),
    check("booking_holds_order", sql`${t.endsAt} > ${t.startsAt}`),
    index("booking_holds_provider_idx").on(t.organizationId, t.providerId, t.startsAt),
  ],
);

export type ProviderWorkingHours = typeof providerWorkingHours.$inferSelect;
export type ProviderDateOverride = typeof providerDateOverrides.$inferSelect;
export type ProviderTimeOff = typeof providerTimeOff.$inferSelect;
export type BookingHold = typeof bookingHolds.$inferSelect;
