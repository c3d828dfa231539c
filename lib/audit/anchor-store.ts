import "server-only";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { KeyObject } from "node:crypto";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { config } from "@/lib/config/env";
import { auditLogs } from "@/lib/db/schema";
import { isUuid, withTenant, type TenantTx } from "@/lib/db/tenant";
import { tryJobLock } from "@/lib/jobs/job-lock";
import { anchorPrivateKey, checkAnchors, parseAnchors, publicKeyOf, signAnchor, type AnchorProblem, type AuditAnchor } from "./anchor";

// Where anchors live: one append-only file per organization (`<dir>/<organization id>.ndjson`), a
// line per signed chain head, outside the database and outside every tenant table. Point the
// directory at storage the database's administrators cannot rewrite (another host, a volume with
// object lock or append-only attributes): that is what makes deleting the newest audit rows
// detectable.

export type AnchorSettings = { dir: string; privateKey: KeyObject; everyMinutes: number };

/** The configured anchoring, or null when AUDIT_ANCHOR_DIR and AUDIT_ANCHOR_KEY are not set. */
export function anchorSettings(): AnchorSettings | null {
  const c = config();
  if (!c.auditAnchorDir || !c.auditAnchorKey) return null;
  return { dir: c.auditAnchorDir, privateKey: anchorPrivateKey(c.auditAnchorKey), everyMinutes: c.auditAnchorEveryMinutes };
}

export function anchorFile(dir: string, organizationId: string): string {
  if (!isUuid(organizationId)) throw new Error("anchorFile: not an organization id");
  return path.join(dir, `${organizationId.toLowerCase()}.ndjson`);
}

export async function readAnchorFile(dir: string, organizationId: string) {
  try {
    return parseAnchors(await readFile(anchorFile(dir, organizationId), "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { anchors: [], unreadable: [] };
    throw err;
  }
}

async function headOf(tx: TenantTx, organizationId: string): Promise<{ seq: number; rowHash: string } | null> {
  const [row] = await tx
    .select({ seq: auditLogs.seq, rowHash: auditLogs.rowHash })
    .from(auditLogs)
    .where(and(eq(auditLogs.organizationId, organizationId), isNotNull(auditLogs.seq)))
    .orderBy(desc(auditLogs.seq))
    .limit(1);
  return row && row.seq !== null ? { seq: row.seq, rowHash: row.rowHash } : null;
}

/**
 * Anchors the organization's chain head when it moved since the last anchor and the last one is at
 * least `everyMinutes` old. One worker at a time per organization. Returns the new anchor, or null.
 */
export async function anchorOrganization(organizationId: string, now: Date, settings: AnchorSettings): Promise<AuditAnchor | null> {
  return withTenant(organizationId, async (tx) => {
    if (!(await tryJobLock(tx, organizationId, "audit-anchor"))) return null;
    const head = await headOf(tx, organizationId);
    if (!head) return null;
    const { anchors } = await readAnchorFile(settings.dir, organizationId);
    const last = anchors.at(-1);
    if (last && last.seq === head.seq && last.headHash === head.rowHash) return null;
    if (last && now.getTime() - Date.parse(last.anchoredAt) < settings.everyMinutes * 60_000) return null;
    const anchor = signAnchor(settings.privateKey, {
      organizationId,
      seq: head.seq,
      headHash: head.rowHash,
      anchoredAt: now.toISOString(),
    });
    await mkdir(settings.dir, { recursive: true, mode: 0o750 });
    await appendFile(anchorFile(settings.dir, organizationId), `${JSON.stringify(anchor)}\n`, { flag: "a", mode: 0o640 });
    return anchor;
  });
}

export type AnchorReport = { organizationId: string; anchors: number; checked: number; problems: AnchorProblem[] };

/** The organization's chain as stored now, against every anchor of it in `dir`, checked with `publicKey`. */
export async function checkOrganizationAnchors(organizationId: string, dir: string, publicKey: KeyObject): Promise<AnchorReport> {
  const parsed = await readAnchorFile(dir, organizationId);
  const seqs = [...new Set(parsed.anchors.map((a) => a.seq).filter((s) => Number.isSafeInteger(s) && s > 0))];
  const { hashes, lastSeq } = await withTenant(organizationId, async (tx) => {
    const head = await headOf(tx, organizationId);
    const rows = seqs.length
      ? await tx
          .select({ seq: auditLogs.seq, rowHash: auditLogs.rowHash })
          .from(auditLogs)
          .where(and(eq(auditLogs.organizationId, organizationId), sql`${auditLogs.seq} = any(${`{${seqs.join(",")}}`}::bigint[])`))
      : [];
    return { hashes: new Map(rows.map((r) => [r.seq!, r.rowHash])), lastSeq: head?.seq ?? 0 };
  });
  const result = checkAnchors(organizationId, parsed, publicKey, (seq) => hashes.get(seq), lastSeq);
  return { organizationId, anchors: parsed.anchors.length + parsed.unreadable.length, ...result };
}

/** The public key that checks the configured anchors. */
export function configuredAnchorPublicKey(): KeyObject | null {
  const settings = anchorSettings();
  return settings ? publicKeyOf(settings.privateKey) : null;
}
