import "server-only";
import type { AuditActor } from "@/lib/audit/repository";
import type { MemberRole } from "@/lib/db/schema/enums";
import type { TenantTx } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { NotAMemberError } from "@/lib/security/errors";
import { hasPermission, permissionsFor, type Permission } from "@/lib/tenancy/permissions";
import type { Actor } from "@/lib/tenancy/service-context";

export class MissingPermissionError extends ForbiddenError {
  constructor(
    readonly permission: Permission,
    readonly role: MemberRole,
    readonly auditActor: AuditActor,
  ) {
    super(`Your role does not allow this (${permission}).`, "forbidden:permission");
  }
}

/** The organization requires its single sign-on and this member signed in another way (owners excepted). */
export class SsoRequiredError extends ForbiddenError {
  constructor(readonly role: MemberRole) {
    super(undefined, "sso_required");
  }
}

/** The organization requires two-factor authentication and this member has not turned it on. */
export class MfaRequiredError extends ForbiddenError {
  constructor(readonly role: MemberRole) {
    super(undefined, "mfa_required");
  }
}

export type AuthorizeOptions = {
  /** Only the two-factor enrolment page and its actions: reachable before the member has enrolled. */
  beforeMfaEnrolment?: boolean;
};

export type Access = { role: MemberRole; permissions: readonly Permission[]; auditActor: AuditActor };

/** How an actor with a role appears in the audit trail. Pure. */
export function auditActorFor(actor: Actor, role: MemberRole): AuditActor {
  switch (actor.type) {
    case "user":
      return { type: "user", userId: actor.userId, role };
    case "api_key":
      return { type: "api_key", userId: null, role: `${role} (API key ${actor.keyId})` };
    case "operator":
      return actor.userId
        ? { type: "user", userId: actor.userId, role: "platform operator" }
        : { type: "system", role: "platform operator" };
  }
}

/** The role's permission, or a refusal. Pure; runs before any input is validated. */
export function checkPermission(actor: Actor, role: MemberRole, permission: Permission | null): Access {
  const access = { role, permissions: permissionsFor(role), auditActor: auditActorFor(actor, role) };
  if (permission && !hasPermission(role, permission)) throw new MissingPermissionError(permission, role, access.auditActor);
  return access;
}

/**
 * Membership and permission, inside the request's tenant transaction: a user needs an active
 * membership here (else 403 and a security event); an API key's role stands in for one (its
 * organization was matched when the tenant was resolved); a platform operator acts as an owner.
 * Where the organization requires two-factor authentication, a member who has not turned it on
 * is refused everything (403 mfa_required) but the enrolment page — the one place this is checked.
 */
export async function authorize(
  tx: TenantTx,
  orgId: string,
  actor: Actor,
  permission: Permission | null,
  options: AuthorizeOptions = {},
): Promise<Access> {
  switch (actor.type) {
    case "user": {
      // A sign-in through one organization's single sign-on reaches that organization only: its
      // provider vouched for the person there, and nowhere else.
      if (actor.ssoOrganizationId && actor.ssoOrganizationId !== orgId) {
        throw new NotAMemberError(orgId, { signedInThrough: "another organization's single sign-on" });
      }
      const membership = await membershipsRepo(tx, orgId).accessOf({ userId: actor.userId });
      if (!membership || membership.status !== "active") throw new NotAMemberError(orgId, { membershipStatus: membership?.status ?? null });
      if (membership.ssoRequired && !actor.ssoOrganizationId && membership.role !== "owner") throw new SsoRequiredError(membership.role);
      if (!options.beforeMfaEnrolment && membership.mfaMissing) throw new MfaRequiredError(membership.role);
      return checkPermission(actor, membership.role, permission);
    }
    case "api_key":
      return checkPermission(actor, actor.role, permission);
    case "operator":
      return checkPermission(actor, "owner", permission);
  }
}
