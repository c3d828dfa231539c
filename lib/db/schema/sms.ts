import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { notificationStatus } from "./notifications";
import { organizations } from "./organizations";
import { patients } from "./patients";
import { tenantReference } from "./tenant-keys";

export const SMS_MESSAGE_KINDS = ["reminder", "release"] as const;
export type SmsMessageKind = (typeof SMS_MESSAGE_KINDS)[number];

// Tenant table, one row per organization that set up text messages: its Twilio account, the
// sender number, when reminders go out and whether unconfirmed visits are released. The auth
// token is kept encrypted (AES-256-GCM, bound to the organization) and never read back to anyone.
export const smsSettings = pgTable(
  "sms_settings",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    enabled: boolean("enabled").notNull().default(false),
    accountSid: text("account_sid"),
    authTokenEncrypted: text("auth_token_encrypted"),
    fromNumber: text("from_number"),
    reminderOffsetsHours: integer("reminder_offsets_hours")
      .array()
      .notNull()
      .default(sql`'{48,2}'::integer[]`),
    /** Hours before the start when a visit still unconfirmed is released; null: never. */
    releaseUnconfirmedHours: integer("release_unconfirmed_hours"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("sms_settings_account_sid_format", sql`${t.accountSid} is null or ${t.accountSid} ~ '^AC[0-9a-fA-F]{32}$'`),
    check("sms_settings_from_number_format", sql`${t.fromNumber} is null or ${t.fromNumber} ~ '^\\+[1-9][0-9]{6,14}$'`),
    check("sms_settings_offsets_count", sql`cardinality(${t.reminderOffsetsHours}) between 1 and 3`),
    check("sms_settings_release_range", sql`${t.releaseUnconfirmedHours} is null or ${t.releaseUnconfirmedHours} between 1 and 168`),
  ],
);

// Tenant table: the text-message outbox, written in the transaction that causes a message and
// sent by the worker (claimed with a lease, retried with backoff), like the e-mail outbox.
export const smsMessages = pgTable(
  "sms_messages",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind").$type<SmsMessageKind>().notNull(),
    appointmentId: uuid("appointment_id"),
    patientId: uuid("patient_id"),
    /** For reminders: how many hours ahead of the visit it was due. */
    offsetHours: integer("offset_hours"),
    toPhone: text("to_phone").notNull(),
    body: text("body").notNull(),
    status: notificationStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    claimToken: uuid("claim_token"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    /** The provider's id of the sent message (Twilio's SM…). */
    providerMessageId: text("provider_message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "sms_messages_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("sms_messages_appointment_fk", { organizationId: t.organizationId, column: t.appointmentId }, appointments),
    tenantReference("sms_messages_patient_fk", { organizationId: t.organizationId, column: t.patientId }, patients),
    check("sms_messages_kind_known", sql`${t.kind} in ('reminder', 'release')`),
    check("sms_messages_reminder_offset", sql`(${t.kind} = 'reminder') = (${t.offsetHours} is not null)`),
    // One reminder per appointment and offset, and one release notice per appointment, however
    // often the worker runs.
    uniqueIndex("sms_messages_org_reminder_key")
      .on(t.organizationId, t.appointmentId, t.offsetHours)
      .where(sql`${t.kind} = 'reminder'`),
    uniqueIndex("sms_messages_org_release_key")
      .on(t.organizationId, t.appointmentId)
      .where(sql`${t.kind} = 'release'`),
    index("sms_messages_org_due_idx").on(t.organizationId, t.status, t.nextAttemptAt),
  ],
);

export type SmsSettings = typeof smsSettings.$inferSelect;
export type SmsMessage = typeof smsMessages.$inferSelect;
