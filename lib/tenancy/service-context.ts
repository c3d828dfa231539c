import type { AuditEntry, AuditRequest, ListAnswer } from "@/lib/audit/repository";
import type { Wrapping } from "@/lib/db/reusable";
import type { AuditAction, MemberRole } from "@/lib/db/schema/enums";
import type { TenantTx } from "@/lib/db/tenant";
import type { Permission } from "./permissions";

// What services receive from the request pipeline: one tenant transaction, who is acting, and an
// audit writer bound to both. Types only, so every layer may name them.

/** Who is acting inside an organization. */
export type Actor =
  | {
      type: "user";
      userId: string;
      email?: string | null;
      name?: string | null;
      /** Signed in through this organization's single sign-on: no other organization is reachable. */
      ssoOrganizationId?: string | null;
    }
  /** An organization API key: its role stands in for a membership. */
  | { type: "api_key"; keyId: string; role: MemberRole }
  /** A platform operator: by the operator token (no user) or a signed-in operator account. */
  | { type: "operator"; userId: string | null };

export type ServiceContext = {
  tx: TenantTx;
  orgId: string;
  /** The signed-in staff user, or null (a patient booking online, an API key, the operator token). */
  actorUserId: string | null;
  request: AuditRequest;
  /** One audit row, written in this transaction when the handler finishes. */
  audit(entry: Omit<AuditEntry, "actor" | "request">): Promise<void>;
  /**
   * The patients whose data a list or schedule showed (one audit row naming them all, for a view)
   * or that a change touched (one row each).
   */
  auditPatients(action: AuditAction, resourceType: string, rows: { id: string; patientId: string | null }[]): Promise<void>;
  /**
   * A list read audited by its own statement (the repository wraps its list with this, and the
   * statement is the transaction's last): the audit row auditPatients("view", …) would write for
   * the rows shown. `answer` is what the statement answers (a select from "listed", given the page
   * size's parameter). Sent with COMMIT, such a statement ends the transaction: nothing may be sent
   * or audited after it. Null when other audit rows are waiting: audit the read with auditPatients then.
   */
  listReadAudit(resourceType: string, pageSize: number, answer: ListAnswer): Wrapping | null;
};

/** A member's (or API key's, or operator's) context: the role decides what the services allow. */
export type MemberContext = ServiceContext & {
  actor: Actor;
  role: MemberRole;
  permissions: readonly Permission[];
};

/**
 * Who administers an organization: a platform operator, or one of its members with a role. The
 * administration services decide owner rules from this, whichever door the request came in by
 * (`/settings/*` screens and API, or `/api/v1/organizations/{id}/*`).
 */
export type Administrator = { kind: "operator"; userId: string | null } | { kind: "member"; userId: string | null; role: MemberRole };

/**
 * What administration services receive: the organization, who acts, and — when the caller already
 * holds one — the tenant transaction to work in (otherwise the service opens its own).
 */
export type AdminScope = { orgId: string; by: Administrator; tx?: TenantTx };

/** The administrator behind a member context (an operator acting through the pipeline stays one). */
export function adminScopeOf(ctx: MemberContext): AdminScope {
  const by: Administrator =
    ctx.actor.type === "operator"
      ? { kind: "operator", userId: ctx.actor.userId }
      : { kind: "member", userId: ctx.actorUserId, role: ctx.role };
  return { orgId: ctx.orgId, by, tx: ctx.tx };
}
