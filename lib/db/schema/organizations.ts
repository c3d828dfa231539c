import { sql } from "drizzle-orm";
import { boolean, check, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizationPlan, organizationStatus, organizationType, subscriptionStatus } from "./enums";

export type Address = {
  street?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
};
export type ContactInfo = { phone?: string; email?: string };

// Platform table: one row per tenant. Read by host/slug through withPlatform; a tenant
// transaction sees only its own row (RLS policy in drizzle/0001).
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique("organizations_slug_key"),
    type: organizationType("type").notNull().default("hospital"),
    address: jsonb("address").$type<Address>().notNull().default({}),
    contactInfo: jsonb("contact_info").$type<ContactInfo>().notNull().default({}),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    plan: organizationPlan("plan").notNull().default("basic"),
    status: organizationStatus("status").notNull().default("active"),
    subscriptionStatus: subscriptionStatus("subscription_status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Slugs become DNS labels: lower-case letters, digits and inner hyphens, 2-63 chars, no dots.
    check("organizations_slug_format", sql`${t.slug} ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check("organizations_name_present", sql`length(btrim(${t.name})) > 0`),
  ],
);

// Platform table: hostnames that route to a tenant. `domain` is globally unique because a
// hostname can only ever resolve to one hospital.
export const organizationDomains = pgTable(
  "organization_domains",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    domain: text("domain").notNull(),
    isPrimary: boolean("is_primary").notNull().default(false),
    verificationToken: text("verification_token")
      .notNull()
      .default(sql`encode(sha256(gen_random_uuid()::text::bytea), 'hex')`),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "organization_domains_pkey", columns: [t.organizationId, t.id] }),
    // Only a verified domain is reserved platform-wide: an unverified claim cannot block the
    // hospital that really owns the domain.
    uniqueIndex("organization_domains_verified_domain_key")
      .on(t.domain)
      .where(sql`${t.verifiedAt} is not null`),
    uniqueIndex("organization_domains_org_domain_key").on(t.organizationId, t.domain),
    uniqueIndex("organization_domains_one_primary")
      .on(t.organizationId)
      .where(sql`${t.isPrimary}`),
    check("organization_domains_domain_lower", sql`${t.domain} = lower(${t.domain})`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
export type OrganizationDomain = typeof organizationDomains.$inferSelect;
