import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenantReference } from "./tenant-keys";
import { appointmentTypes } from "./appointment-types";
import { appointments } from "./appointments";
import { organizations } from "./organizations";
import { patients } from "./patients";
import { providers } from "./providers";

export const notificationKind = pgEnum("notification_kind", [
  "confirmation",
  "cancellation",
  "reschedule",
  "reminder_24h",
  "reminder_2h",
  "waitlist_offer",
  "invitation",
  "access_report",
]);
export const notificationStatus = pgEnum("notification_status", ["pending", "sending", "sent", "failed"]);
export const waitlistStatus = pgEnum("waitlist_status", ["waiting", "offered", "booked", "cancelled"]);
export const waitlistOfferStatus = pgEnum("waitlist_offer_status", ["open", "claimed", "gone", "expired"]);

// Outbox: e-mails are written here in the transaction that causes them and sent by the worker.
export const notifications = pgTable(
  "notifications",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    kind: notificationKind("kind").notNull(),
    appointmentId: uuid("appointment_id"),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    icsContent: text("ics_content"),
    status: notificationStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // While "sending": which claim holds the message and until when. A claim whose lease has run
    // out (its worker died or stalled) is taken over; only the current claim may complete it.
    claimToken: uuid("claim_token"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "notifications_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("notifications_appointment_fk", { organizationId: t.organizationId, column: t.appointmentId }, appointments),
    // One reminder of each kind per appointment, however often the scheduler runs.
    uniqueIndex("notifications_org_reminder_key")
      .on(t.organizationId, t.appointmentId, t.kind)
      .where(sql`${t.kind} in ('reminder_24h', 'reminder_2h')`),
    index("notifications_org_due_idx").on(t.organizationId, t.status, t.nextAttemptAt),
    // What was sent to one address lately (the hourly allowance of e-mails anyone can ask for).
    index("notifications_org_to_email_idx").on(t.organizationId, t.toEmail, t.createdAt),
  ],
);

export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
    providerId: uuid("provider_id"),
    earliestDate: date("earliest_date", { mode: "string" }).notNull(),
    latestDate: date("latest_date", { mode: "string" }).notNull(),
    status: waitlistStatus("status").notNull().default("waiting"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "waitlist_entries_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("waitlist_entries_patient_fk", { organizationId: t.organizationId, column: t.patientId }, patients),
    tenantReference("waitlist_entries_type_fk", { organizationId: t.organizationId, column: t.appointmentTypeId }, appointmentTypes),
    tenantReference("waitlist_entries_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers),
    check("waitlist_entries_range", sql`${t.latestDate} >= ${t.earliestDate}`),
    index("waitlist_entries_org_type_idx").on(t.organizationId, t.appointmentTypeId, t.status, t.createdAt),
  ],
);

export const waitlistOffers = pgTable(
  "waitlist_offers",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    entryId: uuid("entry_id").notNull(),
    providerId: uuid("provider_id").notNull(),
    appointmentTypeId: uuid("appointment_type_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    tokenHash: text("token_hash").notNull(),
    status: waitlistOfferStatus("status").notNull().default("open"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    appointmentId: uuid("appointment_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "waitlist_offers_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("waitlist_offers_entry_fk", { organizationId: t.organizationId, column: t.entryId }, waitlistEntries),
    tenantReference("waitlist_offers_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers),
    tenantReference("waitlist_offers_type_fk", { organizationId: t.organizationId, column: t.appointmentTypeId }, appointmentTypes),
    tenantReference("waitlist_offers_appointment_fk", { organizationId: t.organizationId, column: t.appointmentId }, appointments),
    uniqueIndex("waitlist_offers_org_token_key").on(t.organizationId, t.tokenHash),
  ],
);

export type Notification = typeof notifications.$inferSelect;
export type WaitlistEntry = typeof waitlistEntries.$inferSelect;
export type WaitlistOffer = typeof waitlistOffers.$inferSelect;
