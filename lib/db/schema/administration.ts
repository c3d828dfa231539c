import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberRole } from "./enums";
import { organizations } from "./organizations";
import { users } from "./users";

// Tenant table: what an organization used in a calendar month (plan limits, usage page).
export const organizationUsage = pgTable(
  "organization_usage",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    month: date("month", { mode: "string" }).notNull(),
    appointmentsCreated: integer("appointments_created").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "organization_usage_pkey", columns: [t.organizationId, t.month] })],
);

// Tenant table: organization API keys. Only a hash of the secret is kept; the prefix is shown.
export const apiKeys = pgTable(
  "api_keys",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    role: memberRole("role").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** After this instant the key is refused like a revoked one; null: until revoked. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "api_keys_pkey", columns: [t.organizationId, t.id] }),
    uniqueIndex("api_keys_org_prefix_key").on(t.organizationId, t.prefix),
  ],
);

// Tenant table: member invitations by e-mail, accepted through an expiring single-use link.
export const invitations = pgTable(
  "invitations",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    // Null for an owner-claim link (an organization created through the open API has no owner yet).
    email: text("email"),
    role: memberRole("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "invitations_pkey", columns: [t.organizationId, t.id] }),
    uniqueIndex("invitations_org_token_key").on(t.organizationId, t.tokenHash),
    index("invitations_org_email_idx").on(t.organizationId, sql`lower(${t.email})`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type OrganizationUsage = typeof organizationUsage.$inferSelect;
