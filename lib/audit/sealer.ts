import "server-only";
import { AsyncResource } from "node:async_hooks";
import { config } from "@/lib/config/env";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { logger } from "@/lib/observability/logger";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { auditRepo } from "./repository";

// Readers append audit rows unsealed (no chain lock); these seal them into the chain afterwards.
// Three things seal: every writer of the organization (it takes the chain lock for its own row
// anyway), each worker pass (every organization), and — so a server without a worker, such as
// `npm start`, still advances every chain — the in-process sealer below, which a server starts the
// first time one of its requests appends an unsealed row and which seals only the organizations
// its own readers wrote to.

const BATCH = 1000;

/** Seals every committed waiting row of one organization, a batch per transaction. */
export async function sealOrganization(orgId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await withTenant(orgId, (tx) => auditRepo(tx, orgId).seal({ maxRows: BATCH }));
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

/** Every organization's waiting rows (the worker's pass). */
export async function sealAllOrganizations(): Promise<{ organizations: number; sealed: number }> {
  const ids = await withPlatform((tx) => platformOrganizations(tx).listIds());
  let sealed = 0;
  for (const id of ids) sealed += await sealOrganization(id);
  return { organizations: ids.length, sealed };
}

/**
 * An organization stays on the in-process sealer's list this long after its last unsealed append,
 * so a row whose transaction commits after a tick (invisible to that tick) is sealed by a later one.
 */
const KEEP_SEALING_MS = 60_000;

type SealerState = {
  timer: ReturnType<typeof setInterval> | null;
  lastAppend: Map<string, number>;
  /** The round in progress, if any. */
  round: Promise<number> | null;
};

// One per process, even when the server bundles this module more than once.
const STATE = Symbol.for("agentcare.audit-sealer");

function sealerState(): SealerState {
  const holder = globalThis as typeof globalThis & { [STATE]?: SealerState };
  holder[STATE] ??= { timer: null, lastAppend: new Map(), round: null };
  return holder[STATE];
}

// Captured when the module loads, outside any request's transaction. sealSoon runs inside one
// (a reader's withTenant); a timer started there would inherit that context, and withTenant refuses
// to open a transaction inside another. The timer is started in this context instead.
const outsideRequests = new AsyncResource("agentcare.audit-sealer");

/**
 * Called by a transaction that appended unsealed rows: this process's sealer seals them shortly
 * after. `intervalMs` 0 (AUDIT_SEAL_INTERVAL_SECONDS=0) leaves them to writers and the worker.
 */
export function sealSoon(orgId: string, intervalMs = config().auditSealIntervalSeconds * 1000): void {
  if (intervalMs <= 0) return;
  const state = sealerState();
  state.lastAppend.set(orgId, Date.now());
  if (state.timer) return;
  state.timer = outsideRequests.runInAsyncScope(() => setInterval(() => void sealerTick(), intervalMs));
  state.timer.unref();
}

/** One round of the in-process sealer (exported for scripts that end before its next tick). */
export async function sealerTick(): Promise<number> {
  const state = sealerState();
  if (state.round) return 0;
  const round = sealRound(state);
  state.round = round;
  try {
    return await round;
  } finally {
    state.round = null;
  }
}

async function sealRound(state: SealerState): Promise<number> {
  let sealed = 0;
  for (const [orgId, lastAppend] of [...state.lastAppend]) {
    try {
      const n = await sealOrganization(orgId);
      sealed += n;
      if (n === 0 && Date.now() - lastAppend > KEEP_SEALING_MS && state.lastAppend.get(orgId) === lastAppend) {
        state.lastAppend.delete(orgId);
      }
    } catch (err) {
      logger.warn({ organizationId: orgId, err }, "audit sealing failed; the next round retries");
    }
  }
  return sealed;
}

/**
 * Stops this process's sealer (scripts, before they close the database); resolves once a round
 * already under way has finished, so nothing is still sealing when the database closes.
 */
export async function stopAuditSealer(): Promise<void> {
  const state = sealerState();
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  state.lastAppend.clear();
  await state.round?.catch(() => undefined);
}
