import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { notificationStatus } from "./notifications";
import { organizations } from "./organizations";
import { tenantReference } from "./tenant-keys";
import { users } from "./users";

// Tenant tables: an organization's webhook endpoints and the deliveries to them. The signing
// secret is kept encrypted (the organization id bound to it) because signing needs it back; it is
// shown once, when made or rotated. Deliveries are an outbox worked by the worker (the same leased
// queue as e-mails): written in the transaction of the change they describe, posted afterwards,
// retried with backoff, kept for inspection and replay.

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** The event types it receives (lib/webhooks/events.ts). */
    eventTypes: text("event_types").array().notNull(),
    /** How much a payload says: ids only, the schedule without who the patient is, or the patient's details too. */
    payloadDetail: text("payload_detail").notNull().default("ids"),
    secretEncrypted: text("secret_encrypted").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why it was turned off by the platform (repeated failures); null when a person turned it off or it is on. */
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Deliveries in a row that ran out of attempts; reset by a success. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "webhook_endpoints_pkey", columns: [t.organizationId, t.id] }),
    check("webhook_endpoints_detail_known", sql`${t.payloadDetail} in ('ids', 'schedule', 'patient')`),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    /** Also the message id the receiver sees (`webhook-id: msg_<id>`), the same on every retry. */
    id: uuid("id").notNull().defaultRandom(),
    endpointId: uuid("endpoint_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: notificationStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /** The receiver's last HTTP status (null when none answered). */
    lastStatus: integer("last_status"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    claimToken: uuid("claim_token"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    /** A replay names the delivery it repeats. */
    replayOf: uuid("replay_of"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "webhook_deliveries_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("webhook_deliveries_endpoint_fk", { organizationId: t.organizationId, column: t.endpointId }, webhookEndpoints),
    index("webhook_deliveries_org_due_idx").on(t.organizationId, t.status, t.nextAttemptAt),
    index("webhook_deliveries_org_endpoint_idx").on(t.organizationId, t.endpointId, t.createdAt),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
