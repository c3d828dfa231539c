import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenantReference } from "./tenant-keys";
import { organizations } from "./organizations";
import { providers } from "./providers";

// Tenant table: the places an organization sees patients. Local times of visits there (hours,
// slots) are read in the location's own time zone.
export const locations = pgTable(
  "locations",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    address: text("address"),
    phone: text("phone"),
    timeZone: text("time_zone").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "locations_pkey", columns: [t.organizationId, t.id] }),
    unique("locations_org_name_key").on(t.organizationId, t.name),
  ],
);

// Tenant table: rooms and equipment, each at one location. `kind` is what appointment types ask
// for ("procedure room"); two live visits can never hold one resource at once (drizzle/0029).
export const resources = pgTable(
  "resources",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    locationId: uuid("location_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "resources_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("resources_location_fk", { organizationId: t.organizationId, column: t.locationId }, locations),
    unique("resources_org_location_name_key").on(t.organizationId, t.locationId, t.name),
    check("resources_kind_lower", sql`${t.kind} = lower(${t.kind})`),
    index("resources_org_location_kind_idx").on(t.organizationId, t.locationId, t.kind),
  ],
);

// Tenant table: where a provider works on each weekday (1 = Monday … 7 = Sunday). A weekday
// without a row is spent at the organization's main location (its first active one).
export const providerLocations = pgTable(
  "provider_locations",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    providerId: uuid("provider_id").notNull(),
    weekday: smallint("weekday").notNull(),
    locationId: uuid("location_id").notNull(),
  },
  (t) => [
    primaryKey({ name: "provider_locations_pkey", columns: [t.organizationId, t.providerId, t.weekday] }),
    tenantReference("provider_locations_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers).onDelete(
      "cascade",
    ),
    tenantReference("provider_locations_location_fk", { organizationId: t.organizationId, column: t.locationId }, locations),
    check("provider_locations_weekday", sql`${t.weekday} between 1 and 7`),
  ],
);

export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;
export type Resource = typeof resources.$inferSelect;
export type NewResource = typeof resources.$inferInsert;
export type ProviderLocation = typeof providerLocations.$inferSelect;
