import "server-only";
import { config } from "@/lib/config/env";
import { observeTransactions, transactionsInFlight } from "@/lib/db/tenant";
import { startUsageMeter } from "@/lib/usage/meter";
import { readBacklog, type Backlog } from "./backlog";
import { logger } from "./logger";
import { metrics } from "./metrics";

// What the metrics endpoint serves, and the observers that feed it. The backlog queries run at
// scrape time, at most once per BACKLOG_TTL_MS whatever the number of scrapers.

const BACKLOG_TTL_MS = 10_000;

type State = { instrumented: boolean; backlog: { at: number; value: Promise<Backlog> } | null };
const globalForScrape = globalThis as unknown as { __agentcareScrape?: State };
const state = (globalForScrape.__agentcareScrape ??= { instrumented: false, backlog: null });

/** Once per process: database time into the histogram and into each organization's usage. */
export function ensureInstrumented(): void {
  if (state.instrumented) return;
  state.instrumented = true;
  const m = metrics();
  observeTransactions((event) => m.dbTransactionDuration.observe({ scope: event.scope }, event.ms / 1000));
  startUsageMeter();
}

async function backlog(): Promise<Backlog | null> {
  const now = Date.now();
  if (!state.backlog || now - state.backlog.at > BACKLOG_TTL_MS) {
    state.backlog = { at: now, value: readBacklog(new Date(now)) };
  }
  try {
    return await state.backlog.value;
  } catch (err) {
    state.backlog = null;
    logger.warn({ err }, "could not read the outbox and audit backlog for metrics");
    return null;
  }
}

/** The Prometheus text exposition, gauges refreshed. */
export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  ensureInstrumented();
  const m = metrics();
  const max = config().databasePoolMax;
  const inFlight = transactionsInFlight();
  m.dbPoolMax.set(max);
  m.dbInUse.set(Math.min(inFlight, max));
  m.dbWaiting.set(Math.max(0, inFlight - max));
  const b = await backlog();
  if (b) {
    m.outboxPending.set(b.outboxPending);
    m.outboxOldestAge.set(b.outboxOldestAgeSeconds);
    m.auditUnsealed.set(b.auditUnsealed);
    m.auditSealingLag.set(b.auditOldestUnsealedAgeSeconds);
  }
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
