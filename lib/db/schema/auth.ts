import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
