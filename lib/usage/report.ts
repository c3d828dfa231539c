import "server-only";
import type { TenantTx } from "@/lib/db/tenant";
import { usageDay } from "./meter";
import { resourceUsageRepo, type DailyUsage } from "./repository";

/** How many days of resource usage the pages show. */
export const RESOURCE_USAGE_DAYS = 14;

export type ResourceUsageReport = {
  /** The first day shown (UTC date, inclusive). */
  from: string;
  /** Days with any usage, newest first. */
  days: DailyUsage[];
  totals: { requests: number; apiCalls: number; dbTimeMs: number };
};

/** The first UTC day of a window of `days` ending today. Pure. */
export function windowStart(now: Date, days: number): string {
  return usageDay(new Date(now.getTime() - (days - 1) * 86_400_000));
}

/** An organization's requests, API calls and database time per day, in its own tenant transaction. */
export async function resourceUsageReport(
  tx: TenantTx,
  orgId: string,
  now = new Date(),
  days = RESOURCE_USAGE_DAYS,
): Promise<ResourceUsageReport> {
  const from = windowStart(now, days);
  const rows = await resourceUsageRepo(tx, orgId).listSince({ from });
  const totals = rows.reduce(
    (sum, r) => ({ requests: sum.requests + r.requests, apiCalls: sum.apiCalls + r.apiCalls, dbTimeMs: sum.dbTimeMs + r.dbTimeMs }),
    { requests: 0, apiCalls: 0, dbTimeMs: 0 },
  );
  return { from, days: rows, totals };
}
