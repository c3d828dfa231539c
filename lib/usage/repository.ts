import "server-only";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import { organizationResourceUsage, type OrganizationResourceUsage } from "@/lib/db/schema";
import type { TenantTx } from "@/lib/db/tenant";

export type UsageIncrement = { requests: number; apiCalls: number; dbTimeMs: number };
export type DailyUsage = Pick<OrganizationResourceUsage, "day" | "requests" | "apiCalls" | "dbTimeMs">;

export function resourceUsageRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(organizationResourceUsage.organizationId, orgId);
  return {
    /** Adds to the day's counts (one upsert; concurrent writers from several processes add up). */
    async add({ day, by }: { day: string; by: UsageIncrement }): Promise<void> {
      await tx
        .insert(organizationResourceUsage)
        .values({ organizationId: orgId, day, requests: by.requests, apiCalls: by.apiCalls, dbTimeMs: Math.round(by.dbTimeMs) })
        .onConflictDoUpdate({
          target: [organizationResourceUsage.organizationId, organizationResourceUsage.day],
          set: {
            requests: sql`${organizationResourceUsage.requests} + excluded.requests`,
            apiCalls: sql`${organizationResourceUsage.apiCalls} + excluded.api_calls`,
            dbTimeMs: sql`${organizationResourceUsage.dbTimeMs} + excluded.db_time_ms`,
            updatedAt: sql`now()`,
          },
        });
    },

    /** The days since `from` (a UTC date, inclusive), newest first. */
    async listSince({ from }: { from: string }): Promise<DailyUsage[]> {
      return tx
        .select({
          day: organizationResourceUsage.day,
          requests: organizationResourceUsage.requests,
          apiCalls: organizationResourceUsage.apiCalls,
          dbTimeMs: organizationResourceUsage.dbTimeMs,
        })
        .from(organizationResourceUsage)
        .where(and(inOrg, gte(organizationResourceUsage.day, from)))
        .orderBy(desc(organizationResourceUsage.day));
    },
  };
}
