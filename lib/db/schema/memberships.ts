import { index, pgTable, primaryKey, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberRole, membershipStatus } from "./enums";
import { organizations } from "./organizations";
import { users } from "./users";

// Tenant table. A tenant transaction sees its own organization's members; the platform role
// may additionally read the rows of the signed-in user (app.current_user_id) for the org switcher.
export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: memberRole("role").notNull(),
    status: membershipStatus("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "memberships_pkey", columns: [t.organizationId, t.id] }),
    unique("memberships_org_user_key").on(t.organizationId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

export type Membership = typeof memberships.$inferSelect;
export type NewMembership = typeof memberships.$inferInsert;
