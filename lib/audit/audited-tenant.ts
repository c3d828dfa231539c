import "server-only";
import type { AuditAction } from "@/lib/db/schema/enums";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { Wrapping } from "@/lib/db/reusable";
import { auditRepo, listReadWrapping, type AuditActor, type AuditEntry, type AuditRequest, type ListAnswer } from "./repository";
import { queueWebhookEvents } from "@/lib/webhooks/emit";
import { sealSoon } from "./sealer";

export type AuditWriters = {
  audit(entry: Omit<AuditEntry, "actor" | "request">): Promise<void>;
  auditPatients(action: AuditAction, resourceType: string, rows: { id: string; patientId: string | null }[]): Promise<void>;
  listReadAudit(resourceType: string, pageSize: number, answer: ListAnswer): Wrapping | null;
};

/** A successful view is a read: appended without the chain lock, sealed afterwards. */
function isRead(entry: AuditEntry): boolean {
  return entry.action === "view" && (entry.outcome ?? "success") === "success";
}

/**
 * One read row for everything a list showed: who, when and from where once, every record and
 * patient in it. A list of one names its record and patient in resource_id / patient_id too.
 */
export function readEntry(
  action: AuditAction,
  resourceType: string,
  rows: { id: string; patientId: string | null }[],
  actor: AuditActor,
  request: AuditRequest,
): AuditEntry {
  const patientIds = [...new Set(rows.flatMap((r) => (r.patientId ? [r.patientId] : [])))];
  return {
    action,
    resourceType,
    resourceId: rows.length === 1 ? rows[0]!.id : null,
    patientId: patientIds.length === 1 ? patientIds[0] : null,
    resourceIds: rows.map((r) => r.id),
    patientIds,
    actor,
    request,
  };
}

/**
 * Audit entries are collected while work runs and written at its end, still inside the same
 * transaction. Reads (successful views) are appended unsealed — one row per list — so readers of one
 * organization never wait for each other. Anything else (changes, refusals, exports) is a writer's
 * event: appended and sealed before commit under the organization's chain lock, which also seals
 * every committed read waiting before it. Work that throws writes nothing (its transaction rolls back).
 */
export function auditWriters(tx: TenantTx, orgId: string, actor: AuditActor, request: AuditRequest) {
  const reads: AuditEntry[] = [];
  const events: AuditEntry[] = [];
  const writers: AuditWriters = {
    async audit(entry) {
      const full = { ...entry, actor, request };
      (isRead(full) ? reads : events).push(full);
    },
    async auditPatients(action, resourceType, rows) {
      if (!rows.length) return;
      if (action === "view") reads.push(readEntry(action, resourceType, rows, actor, request));
      else for (const row of rows) events.push({ action, resourceType, resourceId: row.id, patientId: row.patientId, actor, request });
    },
    listReadAudit(resourceType, pageSize, answer) {
      // Rows already waiting are written when the work ends, after every statement of the work:
      // the list cannot be the transaction's last statement then.
      if (reads.length || events.length) return null;
      sealSoon(orgId);
      return listReadWrapping(orgId, { actor, request, resourceType, pageSize, answer });
    },
  };
  return {
    writers,
    async flush() {
      const repo = auditRepo(tx, orgId);
      const appended = reads.splice(0);
      const chained = events.splice(0);
      if (!chained.length) {
        // Only reads: their rows are the transaction's last statement and travel with its COMMIT.
        await repo.appendLast(appended);
        if (appended.length) sealSoon(orgId);
        return;
      }
      await repo.append(appended);
      await repo.recordMany(chained);
      // The organization's webhooks hear of the changes in the same transaction.
      await queueWebhookEvents(tx, orgId, chained);
    },
  };
}

/** One tenant transaction whose audit rows (by `actor`) are written when `fn` succeeds. */
export async function withAuditedTenant<T>(
  { orgId, actor, request, userId }: { orgId: string; actor: AuditActor; request: AuditRequest; userId?: string | null },
  fn: (tx: TenantTx, writers: AuditWriters) => Promise<T>,
): Promise<T> {
  return withTenant(
    orgId,
    async (tx) => {
      const audit = auditWriters(tx, orgId, actor, request);
      const result = await fn(tx, audit.writers);
      await audit.flush();
      return result;
    },
    { userId },
  );
}
