import { bigint, date, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

// Tenant table: what an organization used of the platform on one UTC day — requests answered for
// it, how many of them came with an organization API key, and the time spent in its database
// transactions. Written in batches by each server process (increments, never overwrites).
export const organizationResourceUsage = pgTable(
  "organization_resource_usage",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    day: date("day", { mode: "string" }).notNull(),
    requests: bigint("requests", { mode: "number" }).notNull().default(0),
    apiCalls: bigint("api_calls", { mode: "number" }).notNull().default(0),
    dbTimeMs: bigint("db_time_ms", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "organization_resource_usage_pkey", columns: [t.organizationId, t.day] })],
);

export type OrganizationResourceUsage = typeof organizationResourceUsage.$inferSelect;
