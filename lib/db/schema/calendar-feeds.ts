import { sql } from "drizzle-orm";
import { pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { providers } from "./providers";
import { tenantReference } from "./tenant-keys";
import { users } from "./users";

// Tenant table: a provider's private iCalendar subscription. The URL's secret is shown once when
// the feed is made; only its hash is kept. At most one live feed per provider: replacing the URL
// revokes the old one.
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    providerId: uuid("provider_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastFetchedAt: timestamp("last_fetched_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "calendar_feeds_pkey", columns: [t.organizationId, t.id] }),
    tenantReference("calendar_feeds_provider_fk", { organizationId: t.organizationId, column: t.providerId }, providers),
    uniqueIndex("calendar_feeds_org_token_key").on(t.organizationId, t.tokenHash),
    uniqueIndex("calendar_feeds_org_live_provider_key")
      .on(t.organizationId, t.providerId)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
