import "server-only";
import { inArray } from "drizzle-orm";
import { organizations } from "@/lib/db/schema";
import { observeTransactions, withPlatform, withTenant } from "@/lib/db/tenant";
import { isOffboardedSlug } from "@/lib/tenancy/slug";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { beforeExit } from "@/lib/observability/before-exit";
import { resourceUsageRepo, type UsageIncrement } from "./repository";

// Per-organization resource usage (requests, API-key calls, database time), counted in memory and
// added to the organization's row for the day every few seconds: one upsert per organization and
// day per flush, never one write per request. A failed flush keeps its counts for the next one.

const FLUSH_INTERVAL_MS = 5_000;

type Pending = Map<string, UsageIncrement>;

type Meter = { pending: Pending; timer: NodeJS.Timeout | null; flushing: Promise<void> | null; unsubscribe: (() => void) | null };

// One meter per process, whichever bundle counts into it.
const globalForMeter = globalThis as unknown as { __agentcareUsageMeter?: Meter };
const meter = (globalForMeter.__agentcareUsageMeter ??= { pending: new Map(), timer: null, flushing: null, unsubscribe: null });
beforeExit("resource usage", () => flushUsage());

/** The UTC day of an instant, as the table keys it. Pure. */
export function usageDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function keyOf(orgId: string, day: string): string {
  return `${orgId}|${day}`;
}

function add(orgId: string, by: Partial<UsageIncrement>, at = new Date()): void {
  const key = keyOf(orgId, usageDay(at));
  const current = meter.pending.get(key) ?? { requests: 0, apiCalls: 0, dbTimeMs: 0 };
  current.requests += by.requests ?? 0;
  current.apiCalls += by.apiCalls ?? 0;
  current.dbTimeMs += by.dbTimeMs ?? 0;
  meter.pending.set(key, current);
  schedule();
}

/** One request answered for an organization; `apiKey` when its caller used an organization API key. */
export function meterRequest(orgId: string, { apiKey }: { apiKey: boolean }): void {
  add(orgId, { requests: 1, apiCalls: apiKey ? 1 : 0 });
}

function schedule(): void {
  if (meter.timer) return;
  meter.timer = setTimeout(() => {
    meter.timer = null;
    void flushUsage();
  }, FLUSH_INTERVAL_MS);
  meter.timer.unref();
}

/** Which of these organizations were offboarded (none when that cannot be read now: the writes will say). */
async function offboardedAmong(ids: string[]): Promise<Set<string>> {
  try {
    const rows = await withPlatform((tx) =>
      tx.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.id, ids)),
    );
    return new Set(rows.filter((r) => isOffboardedSlug(r.slug)).map((r) => r.id));
  } catch {
    return new Set();
  }
}

/**
 * Writes what has been counted so far (each organization in its own tenant transaction, left out
 * of its own metered time). Concurrent calls share one flush.
 */
export async function flushUsage(): Promise<void> {
  if (meter.flushing) await meter.flushing;
  if (!meter.pending.size) return;
  const batch = meter.pending;
  meter.pending = new Map();
  const run = (async () => {
    const gone = await offboardedAmong([...new Set([...batch.keys()].map((key) => key.split("|")[0]!))]);
    for (const [key, by] of batch) {
      const [orgId, day] = key.split("|") as [string, string];
      // Counted before (or while) the organization was offboarded: its data is gone, its usage too.
      if (gone.has(orgId)) continue;
      try {
        await withTenant(orgId, (tx) => resourceUsageRepo(tx, orgId).add({ day, by }), { unmetered: true });
      } catch (err) {
        metrics().usageFlushFailures.inc();
        logger.warn({ err, organizationId: orgId }, "could not record resource usage; kept for the next flush");
        const again = meter.pending.get(key) ?? { requests: 0, apiCalls: 0, dbTimeMs: 0 };
        meter.pending.set(key, {
          requests: again.requests + by.requests,
          apiCalls: again.apiCalls + by.apiCalls,
          dbTimeMs: again.dbTimeMs + by.dbTimeMs,
        });
        schedule();
      }
    }
  })();
  meter.flushing = run;
  try {
    await run;
  } finally {
    meter.flushing = null;
  }
}

/** Counts database time of every tenant transaction into its organization's usage (once per process). */
export function startUsageMeter(): void {
  meter.unsubscribe ??= observeTransactions((event) => {
    if (event.scope === "tenant" && event.orgId && event.metered) add(event.orgId, { dbTimeMs: event.ms });
  });
}
