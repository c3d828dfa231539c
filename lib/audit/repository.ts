import "server-only";
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { auditLogs, type ActorType, type AuditAction, type AuditLog, type AuditOutcome } from "@/lib/db/schema";

export type AuditActor = {
  type: ActorType;
  userId?: string | null;
  role?: string | null;
};

export type AuditRequest = {
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: AuditOutcome;
  request?: AuditRequest;
  metadata?: Record<string, unknown>;
};

/**
 * Audit rows are written in the same transaction as the access they record; seq, hashes and the
 * time are set by the database (trigger audit_logs_chain), so they cannot be forged from here.
 */
function toRow(orgId: string, entry: AuditEntry) {
  return {
    organizationId: orgId,
    actorType: entry.actor.type,
    actorUserId: entry.actor.userId ?? null,
    actorRole: entry.actor.role ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    outcome: entry.outcome ?? "success",
    requestId: entry.request?.requestId ?? null,
    ip: entry.request?.ip ?? null,
    userAgent: entry.request?.userAgent?.slice(0, 512) ?? null,
    metadata: entry.metadata ?? {},
  };
}

export function auditRepo(tx: TenantTx, orgId: string) {
  return {
    async record(entry: AuditEntry): Promise<AuditLog> {
      const [row] = await tx.insert(auditLogs).values(toRow(orgId, entry)).returning();
      return row!;
    },

    /** Several rows in one statement (the chain trigger still runs once per row, in order). */
    async recordMany(entries: AuditEntry[]): Promise<void> {
      if (!entries.length) return;
      await tx.insert(auditLogs).values(entries.map((entry) => toRow(orgId, entry)));
    },

    async list({ patientId, limit = 100, beforeSeq }: { patientId?: string; limit?: number; beforeSeq?: number } = {}) {
      const where = [eq(auditLogs.organizationId, orgId)];
      if (patientId) where.push(eq(auditLogs.patientId, patientId));
      if (beforeSeq) where.push(lt(auditLogs.seq, beforeSeq));
      return tx
        .select()
        .from(auditLogs)
        .where(and(...where))
        .orderBy(desc(auditLogs.seq))
        .limit(limit);
    },

    /** A page of the chain in order, with the hash the database recomputes for each row. */
    async chainPage({ afterSeq, limit }: { afterSeq: number; limit: number }) {
      return tx
        .select({
          seq: auditLogs.seq,
          id: auditLogs.id,
          prevHash: auditLogs.prevHash,
          rowHash: auditLogs.rowHash,
          expectedHash: sql<string>`public.audit_row_hash(${auditLogs})`,
          genesisHash: sql<string>`public.audit_genesis_hash(${auditLogs.organizationId})`,
        })
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, orgId), gt(auditLogs.seq, afterSeq)))
        .orderBy(asc(auditLogs.seq))
        .limit(limit);
    },
  };
}
