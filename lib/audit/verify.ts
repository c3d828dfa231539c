import "server-only";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { auditRepo } from "./repository";

export type ChainBreak = {
  organizationId: string;
  seq: number;
  id: string;
  reason: "sequence_gap" | "prev_hash_mismatch" | "row_hash_mismatch";
  detail: string;
};

export type ChainReport = { organizationId: string; rows: number; firstBreak?: ChainBreak };

const PAGE = 2000;

/** Walks one organization's chain in order and reports the first broken link, if any. */
export async function verifyOrganizationChain(organizationId: string): Promise<ChainReport> {
  let expectedSeq = 1;
  let previousHash: string | undefined;
  let rows = 0;
  for (;;) {
    const page = await withTenant(organizationId, (tx) =>
      auditRepo(tx, organizationId).chainPage({ afterSeq: expectedSeq - 1, limit: PAGE }),
    );
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
    if (page.length < PAGE) return { organizationId, rows };
  }
}

export async function verifyAllChains(): Promise<ChainReport[]> {
  const ids = await withPlatform((tx) => platformOrganizations(tx).listIds());
  const reports: ChainReport[] = [];
  for (const id of ids) reports.push(await verifyOrganizationChain(id));
  return reports;
}
