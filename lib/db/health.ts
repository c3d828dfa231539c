import "server-only";
import { sql } from "drizzle-orm";
import { probeSucceededAt, recordProbeSuccess } from "./reachability";
import { withPlatform } from "./tenant";

/** How long a successful probe answers for: load balancers poll every few seconds. */
const FRESH_MS = 1000;

let inFlight: Promise<boolean> | null = null;

async function probe(): Promise<boolean> {
  try {
    await withPlatform((tx) => tx.execute(sql`select 1`));
    recordProbeSuccess();
    return true;
  } catch {
    return false;
  }
}

/**
 * One round trip through the platform wrapper; no tenant data. Concurrent checks share one probe,
 * and a success stands for a second, so a burst of health checks costs the database one query. A
 * failure is never reused, and a request that found the database unreachable meanwhile voids the
 * success: the next check probes again.
 */
export async function databaseReachable(now = Date.now()): Promise<boolean> {
  if (now - probeSucceededAt() < FRESH_MS) return true;
  inFlight ??= probe().finally(() => {
    inFlight = null;
  });
  return inFlight;
}
