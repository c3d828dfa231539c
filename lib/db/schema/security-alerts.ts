import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { notificationStatus } from "./notifications";

// Platform tables behind security alerts (withPlatform only). One digest row per scope (the
// platform, or one organization) and kind of event: the first event of a window notifies at once,
// later ones are counted and sent together when the window has passed, so nobody gets more than
// one message per scope and kind per window.
export const securityAlertDigests = pgTable(
  "security_alert_digests",
  {
    /** "platform", or "org:{organization id}". */
    scope: text("scope").notNull(),
    kind: text("kind").notNull(),
    /** The organization the events concern (its administrators are told), if any. */
    aboutOrganizationId: uuid("about_organization_id"),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Events since the last message, not yet told. */
    pendingEvents: integer("pending_events").notNull().default(0),
    firstPendingAt: timestamp("first_pending_at", { withTimezone: true }),
    lastEventAt: timestamp("last_event_at", { withTimezone: true }).notNull().defaultNow(),
    lastNotifiedAt: timestamp("last_notified_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ name: "security_alert_digests_pkey", columns: [t.scope, t.kind] })],
);

/** Alerts for the operators' webhook (SECURITY_ALERT_WEBHOOK_URL), sent and retried by the worker. */
export const securityAlertWebhooks = pgTable(
  "security_alert_webhooks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    payload: jsonb("payload").notNull(),
    status: notificationStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("security_alert_webhooks_due_idx").on(t.status, t.nextAttemptAt)],
);

export type SecurityAlertDigest = typeof securityAlertDigests.$inferSelect;
export type SecurityAlertWebhook = typeof securityAlertWebhooks.$inferSelect;
