import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenantReference } from "./tenant-keys";
import { appointmentTypes } from "./appointment-types";
import { appointmentMode, appointmentStatus, bookedVia, type Canceller } from "./enums";
import { organizations } from "./organizations";
import { locations, resources } from "./locations";
import { patients } from "./patients";
import { providers } from "./providers";
import { users } from "./users";

// The exclusion constraint that makes double booking impossible lives in drizzle/0001 (drizzle-kit
// cannot emit EXCLUDE): no two live appointments of one provider may overlap, buffers included;
// drizzle/0029 adds the same for a resource (a room or machine).
// Tenant table: a weekly series booked by staff. Its visits are ordinary appointments that name
// it; the rule (RFC 5545, with the zone it repeats in) records how they were planned.
export const appointmentSeries = pgTable(
  "appointment_series",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    providerId: uuid("provider_id").notNull(),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
    rule: text("rule").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "appointment_series_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("appointment_series_patient_fk", { organizationId: t.organizationId, column: t.patientId }, patients),
    tenantReference("appointment_series_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers),
    tenantReference("appointment_series_type_fk", { organizationId: t.organizationId, column: t.appointmentTypeId }, appointmentTypes),
  ],
);

export const appointments = pgTable(
  "appointments",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    providerId: uuid("provider_id").notNull(),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    // Copied from the type at booking so later type edits never reopen a booked buffer.
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    status: appointmentStatus("status").notNull().default("scheduled"),
    mode: appointmentMode("mode").notNull().default("in_person"),
    reason: text("reason"),
    notes: text("notes"),
    bookedVia: bookedVia("booked_via").notNull().default("staff"),
    // Unguessable per-appointment telehealth room, under the organization's telehealth base URL.
    telehealthRoom: text("telehealth_room"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    /** Who cancelled (reports tell patients' cancellations from the hospital's); null before this was recorded. */
    cancelledBy: text("cancelled_by").$type<Canceller>(),
    createdBy: uuid("created_by").references(() => users.id),
    /** The recurring series the visit was booked in, if any. */
    seriesId: uuid("series_id"),
    /** Where the visit takes place (the provider's location that weekday); null where the organization has no locations. */
    locationId: uuid("location_id"),
    /** The room or equipment the visit's type required, held for the visit and its buffers. */
    resourceId: uuid("resource_id"),
    /** When the patient asked (by replying R to a text) to move the visit; cleared when it is moved. */
    rescheduleRequestedAt: timestamp("reschedule_requested_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "appointments_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("appointments_series_fk", { organizationId: t.organizationId, column: t.seriesId }, appointmentSeries),
    index("appointments_org_series_start_idx").on(t.organizationId, t.seriesId, t.startsAt),
    tenantReference("appointments_location_fk", { organizationId: t.organizationId, column: t.locationId }, locations),
    tenantReference("appointments_resource_fk", { organizationId: t.organizationId, column: t.resourceId }, resources),
    index("appointments_org_resource_start_idx").on(t.organizationId, t.resourceId, t.startsAt),
    tenantReference("appointments_patient_fk", { organizationId: t.organizationId, column: t.patientId }, patients),
    tenantReference("appointments_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers),
    tenantReference("appointments_type_fk", { organizationId: t.organizationId, column: t.appointmentTypeId }, appointmentTypes),
    check("appointments_time_order", sql`${t.endsAt} > ${t.startsAt}`),
    // Lets range reads bound their index scan from below (a day's schedule never walks history).
    check("appointments_max_length", sql`${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
    check("appointments_buffers_range", sql`${t.bufferBeforeMinutes} between 0 and 240 and ${t.bufferAfterMinutes} between 0 and 240`),
    check("appointments_cancel_consistent", sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    check(
      "appointments_cancelled_by_valid",
      sql`${t.cancelledBy} is null or (${t.status} = 'cancelled' and ${t.cancelledBy} in ('patient', 'staff', 'system'))`,
    ),
    // A provider's day; a patient's upcoming appointments; the organization's day.
    index("appointments_org_provider_start_idx").on(t.organizationId, t.providerId, t.startsAt),
    index("appointments_org_patient_start_idx").on(t.organizationId, t.patientId, t.startsAt),
    index("appointments_org_start_idx").on(t.organizationId, t.startsAt),
  ],
);

export type Appointment = typeof appointments.$inferSelect;
export type AppointmentSeries = typeof appointmentSeries.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
