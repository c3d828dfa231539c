import "server-only";
import { config } from "@/lib/config/env";
import { withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { auditRepo } from "./repository";

export type ChainBreak = {
  organizationId: string;
  seq: number;
  id: string;
  reason: "sequence_gap" | "prev_hash_mismatch" | "row_hash_mismatch";
  detail: string;
};

/** Rows that have waited longer than the bound for their seal (nothing seals them: no writer, worker or server sealer ran). */
export type StaleUnsealed = { rows: number; oldestAt: Date; maxAgeSeconds: number };

export type ChainReport = {
  organizationId: string;
  rows: number;
  /** The last row verified and its hash (the chain head when the chain is intact). */
  headSeq?: number;
  headHash?: string;
  firstBreak?: ChainBreak;
  staleUnsealed?: StaleUnsealed;
};

export type VerifyOptions = { maxUnsealedAgeSeconds?: number; now?: Date };

const PAGE = 2000;

/**
 * Walks one organization's sealed chain in order and reports the first broken link, if any, and
 * the rows still unsealed after `maxUnsealedAgeSeconds` (a sealing that stopped).
 */
export async function verifyOrganizationChain(organizationId: string, options: VerifyOptions = {}): Promise<ChainReport> {
  const report = await walkChain(organizationId, (afterSeq, limit) =>
    withTenant(organizationId, (tx) => auditRepo(tx, organizationId).chainPage({ afterSeq, limit })),
  );
  const waiting = (olderThan: Date) => withTenant(organizationId, (tx) => auditRepo(tx, organizationId).unsealed({ olderThan }));
  return withStaleRows(report, waiting, options);
}

/** The same walk inside a tenant transaction already open (a request's, or a job's holding a lock). */
export async function verifyChainIn(tx: TenantTx, organizationId: string, options: VerifyOptions = {}): Promise<ChainReport> {
  const repo = auditRepo(tx, organizationId);
  const report = await walkChain(organizationId, (afterSeq, limit) => repo.chainPage({ afterSeq, limit }));
  return withStaleRows(report, (olderThan) => repo.unsealed({ olderThan }), options);
}

async function withStaleRows(
  report: ChainReport,
  unsealed: (olderThan: Date) => Promise<{ rows: number; oldestAt: Date | null }>,
  options: VerifyOptions,
): Promise<ChainReport> {
  const maxAgeSeconds = options.maxUnsealedAgeSeconds ?? config().auditMaxUnsealedAgeSeconds;
  const olderThan = new Date((options.now ?? new Date()).getTime() - maxAgeSeconds * 1000);
  const waiting = await unsealed(olderThan);
  if (waiting.rows > 0 && waiting.oldestAt) report.staleUnsealed = { rows: waiting.rows, oldestAt: waiting.oldestAt, maxAgeSeconds };
  return report;
}

type ChainPage = Awaited<ReturnType<ReturnType<typeof auditRepo>["chainPage"]>>;

async function walkChain(organizationId: string, readPage: (afterSeq: number, limit: number) => Promise<ChainPage>): Promise<ChainReport> {
  let expectedSeq = 1;
  let previousHash: string | undefined;
  let rows = 0;
  for (;;) {
    const page = await readPage(expectedSeq - 1, PAGE);
    for (const row of page) {
      const at = { organizationId, seq: row.seq, id: row.id };
      if (row.seq !== expectedSeq) {
        return {
          organizationId,
          rows,
          firstBreak: { ...at, reason: "sequence_gap", detail: `expected seq ${expectedSeq}, found ${row.seq}` },
        };
      }
      const expectedPrev = previousHash ?? row.genesisHash;
      if (row.prevHash !== expectedPrev) {
        return {
          organizationId,
          rows,
          firstBreak: { ...at, reason: "prev_hash_mismatch", detail: "prev_hash does not match the previous row's hash" },
        };
      }
      if (row.rowHash !== row.expectedHash) {
        return {
          organizationId,
          rows,
          firstBreak: { ...at, reason: "row_hash_mismatch", detail: "row content no longer matches its hash (edited after write)" },
        };
      }
      previousHash = row.rowHash;
      expectedSeq += 1;
      rows += 1;
    }
    if (page.length < PAGE) return { organizationId, rows, ...(previousHash ? { headSeq: expectedSeq - 1, headHash: previousHash } : {}) };
  }
}

/** A report fails when its chain is broken or rows waited too long for their seal. */
export function chainFailed(report: ChainReport): boolean {
  return Boolean(report.firstBreak || report.staleUnsealed);
}

export async function verifyAllChains(options: VerifyOptions = {}): Promise<ChainReport[]> {
  const ids = await withPlatform((tx) => platformOrganizations(tx).listIds());
  const reports: ChainReport[] = [];
  for (const id of ids) reports.push(await verifyOrganizationChain(id, options));
  return reports;
}
