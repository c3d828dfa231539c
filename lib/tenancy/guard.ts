import "server-only";
import type { AuditEntry, AuditRequest } from "@/lib/audit/repository";
import { auditRepo } from "@/lib/audit/repository";
import type { AuditAction, Membership, MemberRole } from "@/lib/db/schema";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { hasPermission, permissionsFor, type Permission } from "./permissions";

export type Actor =
  | { type: "user"; userId: string; email?: string | null; name?: string | null }
  /** An organization API key: its role stands in for a membership. */
  | { type: "api_key"; keyId: string; role: MemberRole };

/** What services need: the tenant transaction and an audit writer bound to it and to the actor. */
export type OpsContext = {
  tx: TenantTx;
  orgId: string;
  /** The signed-in staff user, or null for a patient booking online. */
  actorUserId: string | null;
  request: AuditRequest;
  /** One audit row, in this transaction. */
  audit(entry: Omit<AuditEntry, "actor" | "request">): Promise<void>;
  /** One audit row per patient whose data was read or changed (lists, schedules). */
  auditPatients(action: AuditAction, resourceType: string, rows: { id: string; patientId: string | null }[]): Promise<void>;
};

export type TenantContext = OpsContext & {
  actor: Actor;
  role: MemberRole;
  permissions: readonly Permission[];
};

/**
 * Audit entries are collected while the handler runs and written in one statement at its end,
 * still inside the same transaction. The chain trigger takes the organization's advisory lock
 * until commit, so writing last keeps that lock — which serialises the organization's writers —
 * held for the shortest time. A handler that throws writes nothing (its transaction rolls back).
 */
function auditWriters(tx: TenantTx, orgId: string, actor: AuditEntry["actor"], request: AuditRequest) {
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

async function withAudit<C extends OpsContext, T>(
  ctx: Omit<C, "audit" | "auditPatients">,
  audit: ReturnType<typeof auditWriters>,
  handler: (ctx: C) => Promise<T>,
): Promise<T> {
  const result = await handler({ ...ctx, ...audit.writers } as C);
  await audit.flush();
  return result;
}

/**
 * The public pipeline (online booking, manage links, waitlist claims): no session or membership,
 * the patient is the actor; still one tenant transaction with its audit rows.
 */
export async function runAsPublic<T>(
  { orgId, request }: { orgId: string; request: AuditRequest },
  handler: (ctx: OpsContext) => Promise<T>,
): Promise<T> {
  return withTenant(orgId, (tx) =>
    withAudit<OpsContext, T>(
      { tx, orgId, actorUserId: null, request },
      auditWriters(tx, orgId, { type: "patient", role: "patient" }, request),
      handler,
    ),
  );
}

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
  { orgId, actor, permission, request }: { orgId: string; actor: Actor; permission: Permission | null; request: AuditRequest },
  handler: (ctx: TenantContext) => Promise<T>,
): Promise<T> {
  const DENIED = Symbol("denied");
  const userId = actor.type === "user" ? actor.userId : null;
  const auditActorFor = (role: MemberRole): AuditEntry["actor"] =>
    actor.type === "user"
      ? { type: "user", userId: actor.userId, role }
      : { type: "api_key", userId: null, role: `${role} (API key ${actor.keyId})` };
  const result = await withTenant(
    orgId,
    async (tx): Promise<T | { [DENIED]: MemberRole }> => {
      let role: MemberRole;
      if (actor.type === "user") {
        const membership: Membership | undefined = await membershipsRepo(tx, orgId).findByUser({ userId: actor.userId });
        if (!membership || membership.status !== "active") throw new NotAMemberError();
        role = membership.role;
      } else {
        role = actor.role;
      }
      if (permission && !hasPermission(role, permission)) return { [DENIED]: role };
      return withAudit<TenantContext, T>(
        { tx, orgId, actor, actorUserId: userId, role, permissions: permissionsFor(role), request },
        auditWriters(tx, orgId, auditActorFor(role), request),
        handler,
      );
    },
    { userId },
  );
  if (result && typeof result === "object" && DENIED in result) {
    // The refusal is audited in its own transaction: the handler's was never started.
    const role = (result as { [DENIED]: MemberRole })[DENIED];
    await withTenant(orgId, (tx) =>
      auditRepo(tx, orgId).record({
        actor: auditActorFor(role),
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
