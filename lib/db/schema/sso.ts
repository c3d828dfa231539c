import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { memberRole } from "./enums";
import { organizations } from "./organizations";

// Tenant table, one row per organization that set up single sign-on: its OpenID Connect provider
// (issuer, client id, the client secret kept encrypted and bound to the organization), the e-mail
// domains whose people it vouches for, the role new members get, and whether staff must use it.
export const organizationSso = pgTable(
  "organization_sso",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    enabled: boolean("enabled").notNull().default(true),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecretEncrypted: text("client_secret_encrypted").notNull(),
    allowedDomains: text("allowed_domains").array().notNull(),
    defaultRole: memberRole("default_role").notNull().default("staff"),
    /** Members other than owners sign in through the provider only (owners keep their password to recover). */
    required: boolean("required").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("organization_sso_domains_count", sql`cardinality(${t.allowedDomains}) between 1 and 20`),
    check("organization_sso_default_role", sql`${t.defaultRole} <> 'owner'`),
  ],
);

export type OrganizationSso = typeof organizationSso.$inferSelect;
