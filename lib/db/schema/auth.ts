import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { notificationStatus } from "./notifications";
import { organizations } from "./organizations";
import { users } from "./users";

// Platform table: failed sign-in counters per account and per client address (fixed windows).
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text("key").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  failures: integer("failures").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

// Platform table: single-use, short-lived hand-offs that mint a session on a host the shared
// cookie cannot reach (localhost subdomains, custom domains). Only the hash of the token is kept.
export const sessionHandoffs = pgTable("session_handoffs", {
  id: uuid("id").primaryKey().defaultRandom(),
  tokenHash: text("token_hash").notNull().unique("session_handoffs_token_hash_key"),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id),
  targetHost: text("target_host").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type SessionHandoff = typeof sessionHandoffs.$inferSelect;

// Platform table: one row per signed-in browser. Its id rides in the session cookie; a request
// whose row is revoked, past its absolute lifetime or idle too long is treated as signed out.
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** A sign-in through an organization's single sign-on: the session reaches that organization only. */
    ssoOrganizationId: uuid("sso_organization_id").references(() => organizations.id),
    /** The provider's subject and session id, so its back-channel logout can end this session. */
    ssoSubject: text("sso_subject"),
    ssoSessionId: text("sso_session_id"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId), index("user_sessions_sso_idx").on(t.ssoOrganizationId, t.ssoSubject)],
);

// Platform table: single-use proofs of an e-mail address (sign-up confirmation, owner claims,
// password resets). Only the token's hash is kept; a pending sign-up keeps the chosen password's
// hash until it is confirmed.
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: text("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique("account_tokens_token_hash_key"),
    email: text("email").notNull(),
    userId: uuid("user_id").references(() => users.id),
    organizationId: uuid("organization_id").references(() => organizations.id),
    invitationId: uuid("invitation_id"),
    name: text("name"),
    passwordHash: text("password_hash"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("account_tokens_purpose", sql`${t.purpose} in ('confirm_owner', 'password_reset')`),
    index("account_tokens_email_idx").on(sql`lower(${t.email})`, t.purpose),
  ],
);

// Platform table: the outbox of account e-mails that belong to no single organization yet
// (address confirmations, password resets). The worker sends them like a hospital's outbox;
// platform operators read them in the console when no mail server is configured.
export const accountMessages = pgTable(
  "account_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    status: notificationStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    claimToken: uuid("claim_token"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_messages_due_idx").on(t.status, t.nextAttemptAt)],
);

export type UserSession = typeof userSessions.$inferSelect;
export type AccountToken = typeof accountTokens.$inferSelect;
export type AccountMessage = typeof accountMessages.$inferSelect;
