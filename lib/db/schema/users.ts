import { sql } from "drizzle-orm";
import { boolean, check, index, inet, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// Platform table: the global sign-in identity. What a user may do lives in memberships.
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    // Platform operators run the /admin console (organizations, plans, security events).
    isPlatformOperator: boolean("is_platform_operator").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`), check("users_email_format", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`)],
);

// Platform table: cross-tenant attempts and other security signals, for operators.
export const securityEvents = pgTable(
  "security_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    userId: uuid("user_id").references(() => users.id),
    attemptedOrganizationId: uuid("attempted_organization_id"),
    userOrganizationIds: uuid("user_organization_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    host: text("host"),
    path: text("path"),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("security_events_occurred_idx").on(t.occurredAt)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type SecurityEvent = typeof securityEvents.$inferSelect;
