import "server-only";
import { auditRepo, type AuditActor, type AuditEntry, type AuditRequest } from "@/lib/audit/repository";
import type { AuditAction } from "@/lib/db/schema/enums";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import type { Permission } from "@/lib/tenancy/permissions";
import type { Actor, MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { authorize, MissingPermissionError } from "./authorize";

/**
 * Audit entries are collected while the handler runs and written in one statement at its end,
 * still inside the same transaction. The chain trigger takes the organization's advisory lock
 * until commit, so writing last keeps that lock — which serialises the organization's writers —
 * held for the shortest time. A handler that throws writes nothing (its transaction rolls back).
 */
function auditWriters(tx: TenantTx, orgId: string, actor: AuditActor, request: AuditRequest) {
  const pending: AuditEntry[] = [];
  return {
    writers: {
      async audit(entry: Omit<AuditEntry, "actor" | "request">) {
        pending.push({ ...entry, actor, request });
      },
      async auditPatients(action: AuditAction, resourceType: string, rows: { id: string; patientId: string | null }[]) {
        for (const row of rows) pending.push({ action, resourceType, resourceId: row.id, patientId: row.patientId, actor, request });
      },
    },
    async flush() {
      if (pending.length) await auditRepo(tx, orgId).recordMany(pending.splice(0));
    },
  };
}

/**
 * A member's work in one tenant transaction: authorize (membership + permission), then `input`
 * (validation — after authorization, so a caller without the permission learns nothing about the
 * schema), then the handler, then its audit rows. A refusal is audited in its own transaction.
 */
export async function runAsMember<T, I = undefined>(
  {
    orgId,
    actor,
    permission,
    request,
    input,
  }: { orgId: string; actor: Actor; permission: Permission | null; request: AuditRequest; input?: () => I },
  handler: (ctx: MemberContext, input: I) => Promise<T>,
): Promise<T> {
  const userId = actor.type === "user" || actor.type === "operator" ? actor.userId : null;
  try {
    return await withTenant(
      orgId,
      async (tx) => {
        const access = await authorize(tx, orgId, actor, permission);
        const parsed = input ? input() : (undefined as I);
        const audit = auditWriters(tx, orgId, access.auditActor, request);
        const ctx: MemberContext = {
          tx,
          orgId,
          actor,
          actorUserId: userId,
          role: access.role,
          permissions: access.permissions,
          request,
          ...audit.writers,
        };
        const result = await handler(ctx, parsed);
        await audit.flush();
        return result;
      },
      { userId },
    );
  } catch (err) {
    if (err instanceof MissingPermissionError) {
      // The handler's transaction never started work; the refusal gets its own.
      await withTenant(orgId, (tx) =>
        auditRepo(tx, orgId).record({
          actor: err.auditActor,
          action: "view",
          resourceType: "permission",
          resourceId: err.permission,
          outcome: "denied",
          request,
        }),
      );
    }
    throw err;
  }
}

/**
 * The public site's work (online booking, manage links, waitlist claims): no session or
 * membership, the patient is the audited actor; still one tenant transaction with its audit rows.
 */
export async function runAsPublic<T, I = undefined>(
  { orgId, request, input }: { orgId: string; request: AuditRequest; input?: () => I },
  handler: (ctx: ServiceContext, input: I) => Promise<T>,
): Promise<T> {
  return withTenant(orgId, async (tx) => {
    const parsed = input ? input() : (undefined as I);
    const audit = auditWriters(tx, orgId, { type: "patient", role: "patient" }, request);
    const result = await handler({ tx, orgId, actorUserId: null, request, ...audit.writers }, parsed);
    await audit.flush();
    return result;
  });
}
