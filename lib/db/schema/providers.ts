import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

export const providers = pgTable(
  "providers",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    title: text("title"),
    specialty: text("specialty"),
    licenseNumber: text("license_number"),
    email: text("email"),
    phone: text("phone"),
    acceptsOnlineBooking: boolean("accepts_online_booking").notNull().default(true),
    offersTelehealth: boolean("offers_telehealth").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "providers_pkey", columns: [t.organizationId, t.id] }),
    // Per-hospital uniqueness: the same licence or e-mail may exist at another hospital.
    unique("providers_org_license_key").on(t.organizationId, t.licenseNumber),
    unique("providers_org_email_key").on(t.organizationId, t.email),
    unique("providers_org_user_key").on(t.organizationId, t.userId),
    check("providers_email_lower", sql`${t.email} = lower(${t.email})`),
    index("providers_org_name_idx").on(t.organizationId, t.name),
  ],
);

export type Provider = typeof providers.$inferSelect;
export type NewProvider = typeof providers.$inferInsert;
