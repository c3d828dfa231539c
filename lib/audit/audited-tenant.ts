import "server-only";
import type { AuditAction } from "@/lib/db/schema/enums";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { auditRepo, type AuditActor, type AuditEntry, type AuditRequest } from "./repository";

export type AuditWriters = {
  audit(entry: Omit<AuditEntry, "actor" | "request">): Promise<void>;
  auditPatients(action: AuditAction, resourceType: string, rows: { id: string; patientId: string | null }[]): Promise<void>;
};

/**
 * Audit entries are collected while work runs and written in one statement at its end, still inside
 * the same transaction. The chain trigger takes the organization's advisory lock until commit, so
 * writing last keeps that lock — which serialises the organization's writers — held for the
 * shortest time. Work that throws writes nothing (its transaction rolls back).
 */
export function auditWriters(tx: TenantTx, orgId: string, actor: AuditActor, request: AuditRequest) {
  const pending: AuditEntry[] = [];
  const writers: AuditWriters = {
    async audit(entry) {
      pending.push({ ...entry, actor, request });
    },
    async auditPatients(action, resourceType, rows) {
      for (const row of rows) pending.push({ action, resourceType, resourceId: row.id, patientId: row.patientId, actor, request });
    },
  };
  return {
    writers,
    async flush() {
      if (pending.length) await auditRepo(tx, orgId).recordMany(pending.splice(0));
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
