import "server-only";
import type { AuditEntry, AuditRequest } from "@/lib/audit/repository";
import { auditRepo } from "@/lib/audit/repository";
import type { AuditAction, Membership, MemberRole } from "@/lib/db/schema";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { hasPermission, permissionsFor, type Permission } from "./permissions";

export type Actor = { type: "user"; userId: string; email?: string | null; name?: string | null };

export type TenantContext = {
  tx: TenantTx;
  orgId: string;
  actor: Actor;
  role: MemberRole;
  permissions: readonly Permission[];
  request: AuditRequest;
  /** One audit row, in this transaction. */
  audit(entry: Omit<AuditEntry, "actor" | "request">): Promise<void>;
  /** One audit row per patient whose data was read or changed (lists, schedules). */
  auditPatients(action: AuditAction, resourceType: string, rows: { id: string; patientId: string | null }[]): Promise<void>;
};

export class NotAMemberError extends ForbiddenError {
  constructor() {
    super("You are not a member of this organization.", "forbidden:not_a_member");
  }
}

export class MissingPermissionError extends ForbiddenError {
  constructor(permission: Permission) {
    super(`Your role does not allow this (${permission}).`, "forbidden:permission");
  }
}

/**
 * The one pipeline behind tenantAction and tenantRoute: inside a single tenant transaction, load
 * the caller's membership, check the permission, run the handler with an audit writer bound to
 * the same transaction.
 */
export async function runAsMember<T>(
  {
    orgId,
    actor,
    permission,
    request,
  }: { orgId: string; actor: Actor; permission: Permission | null; request: AuditRequest },
  handler: (ctx: TenantContext) => Promise<T>,
): Promise<T> {
  const DENIED = Symbol("denied");
  const result = await withTenant(
    orgId,
    async (tx): Promise<T | { [DENIED]: MemberRole }> => {
      const membership: Membership | undefined = await membershipsRepo(tx, orgId).findByUser({ userId: actor.userId });
      if (!membership || membership.status !== "active") throw new NotAMemberError();
      if (permission && !hasPermission(membership.role, permission)) return { [DENIED]: membership.role };
      const audit = auditRepo(tx, orgId);
      const auditActor = { type: "user" as const, userId: actor.userId, role: membership.role };
      const ctx: TenantContext = {
        tx,
        orgId,
        actor,
        role: membership.role,
        permissions: permissionsFor(membership.role),
        request,
        async audit(entry) {
          await audit.record({ ...entry, actor: auditActor, request });
        },
        async auditPatients(action, resourceType, rows) {
          for (const row of rows) {
            await audit.record({ action, resourceType, resourceId: row.id, patientId: row.patientId, actor: auditActor, request });
          }
        },
      };
      return handler(ctx);
    },
    { userId: actor.userId },
  );
  if (result && typeof result === "object" && DENIED in result) {
    // The refusal is audited in its own transaction: the handler's was never started.
    const role = (result as { [DENIED]: MemberRole })[DENIED];
    await withTenant(orgId, (tx) =>
      auditRepo(tx, orgId).record({
        actor: { type: "user", userId: actor.userId, role },
        action: "view",
        resourceType: "permission",
        resourceId: permission,
        outcome: "denied",
        request,
      }),
    );
    throw new MissingPermissionError(permission!);
  }
  return result as T;
}
