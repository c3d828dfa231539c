import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { assertCanAddUser } from "@/lib/billing/limits";
import { invitations, type Membership, type MemberRole } from "@/lib/db/schema";
import { memberRoles } from "@/lib/db/schema/enum-values";
import { enterTenant, withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import type { AddMemberInput, InvitationInput, MemberPatch } from "@/lib/memberships/schemas";
import type { AdminScope, Administrator } from "@/lib/tenancy/service-context";
import { platformUsers } from "@/lib/users/platform-repository";
import { createInvitation } from "./invitations";
import { memberDirectory } from "./member-directory";

// Member administration, whichever door the request came in by: the admin console's screens and
// `/api/v1/settings/*` (a member's tenant transaction in the scope), or `/api/v1/organizations/{id}/*`
// (an operator or a member; the service opens its own transaction). The owner rules live here:
//   - only an owner (or a platform operator) makes someone an owner, or changes or removes an owner;
//   - the organization always keeps at least one active owner;
//   - only operators add an existing account by id; members invite existing accounts instead.

/** The scope's transaction, or one of the service's own. */
function inScope<T>(scope: AdminScope, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return scope.tx ? work(scope.tx) : withTenant(scope.orgId, work, { userId: scope.by.userId });
}

function managesOwners(by: Administrator): boolean {
  return by.kind === "operator" || by.role === "owner";
}

function requireOwnerRights(by: Administrator, message: string): void {
  if (!managesOwners(by)) throw new ForbiddenError(message, "forbidden:permission");
}

const LAST_OWNER = "An organization must keep at least one active owner.";

/** Members (names, e-mails, roles, statuses) and open invitations. */
export async function listMembers(scope: AdminScope) {
  return inScope(scope, (tx) => memberDirectory(tx, scope.orgId));
}

/** A member's new role or status; never leaves the organization without an active owner. */
export async function changeMember(scope: AdminScope, membershipId: string, patch: MemberPatch): Promise<Membership> {
  const ownerRule = "Only an owner can change an owner's membership or make someone an owner.";
  if (patch.role === "owner") requireOwnerRights(scope.by, ownerRule);
  return inScope(scope, async (tx) => {
    const repo = membershipsRepo(tx, scope.orgId);
    const owners = await repo.lockActiveOwners();
    const target = await repo.findForUpdate({ id: membershipId });
    if (!target) throw new NotFoundError("member");
    if (target.role === "owner") requireOwnerRights(scope.by, ownerRule);
    const stopsOwning = (patch.role !== undefined && patch.role !== "owner") || (patch.status !== undefined && patch.status !== "active");
    if (owners.includes(target.id) && stopsOwning && owners.length <= 1) throw new ConflictError("last_owner", LAST_OWNER);
    return repo.update({ id: target.id, patch });
  });
}

/** Removes a membership (the account and what the person recorded stay). */
export async function removeMember(scope: AdminScope, membershipId: string): Promise<void> {
  await inScope(scope, async (tx) => {
    const repo = membershipsRepo(tx, scope.orgId);
    const owners = await repo.lockActiveOwners();
    const target = await repo.findForUpdate({ id: membershipId });
    if (!target) throw new NotFoundError("member");
    if (target.role === "owner") requireOwnerRights(scope.by, "Only an owner can remove an owner.");
    if (owners.includes(target.id) && owners.length <= 1) throw new ConflictError("last_owner", LAST_OWNER);
    await repo.remove({ id: target.id });
  });
}

export type CreatedInvitation = { id: string; email: string; role: MemberRole; expiresAt: Date; url: string };

/**
 * An expiring, single-use invitation link, e-mailed through the outbox. The link (it holds the
 * token) is returned this once, for the administrator to pass on by hand if they like.
 */
export async function inviteMember(scope: AdminScope, { email, role }: InvitationInput): Promise<CreatedInvitation> {
  if (role === "owner") requireOwnerRights(scope.by, "Only an owner can invite an owner.");
  return inScope(scope, async (tx) => {
    const { invitation, url } = await createInvitation(tx, scope.orgId, { email, role, invitedBy: scope.by.userId });
    return { id: invitation.id, email, role: invitation.role, expiresAt: invitation.expiresAt, url };
  });
}

/** Revokes an open invitation: its link stops working at once. */
export async function revokeInvitation(scope: AdminScope, invitationId: string): Promise<void> {
  await inScope(scope, async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.organizationId, scope.orgId), eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!row) throw new NotFoundError("invitation");
  });
}

/**
 * The organization API's "add a member": an existing account by id (operators only), or by e-mail
 * and name — the account is created with the membership, in one transaction. An account that
 * already exists is added only by an operator; members invite it (nobody joins without agreeing).
 * Works in its own transactions (the account is platform data): never call it inside another one
 * (it would need a second connection, and the embedded database has one).
 */
export async function addMemberAccount(scope: Pick<AdminScope, "orgId" | "by">, input: AddMemberInput): Promise<Membership> {
  if (input.role === "owner") requireOwnerRights(scope.by, "Only an owner can make someone an owner.");
  if ("userId" in input) {
    if (scope.by.kind !== "operator") {
      throw new ForbiddenError(
        "Members add people by e-mail or invitation; adding a user by id is for platform operators.",
        "forbidden:operator_only",
      );
    }
    return addMember(scope.orgId, input.userId, input.role);
  }
  return withPlatform(async (ptx) => {
    const users = platformUsers(ptx);
    let user = await users.findByEmail({ email: input.email });
    if (user && scope.by.kind !== "operator") {
      throw new ConflictError(
        "user_email",
        "An account with this e-mail already exists. Invite them instead: they accept with their own sign-in.",
      );
    }
    // No password: the person chooses their own through "Forgot password?" (which proves the address).
    user ??= await users.create({ input: { email: input.email, name: input.name, passwordHash: null } });
    return addMember(scope.orgId, user.id, input.role, await enterTenant(ptx, scope.orgId, scope.by.userId));
  });
}

/** A membership with a role, within the plan's user limit (organizationService.addUser). */
export async function addMember(orgId: string, userId: string, role: MemberRole, tx?: TenantTx): Promise<Membership> {
  if (!(memberRoles as readonly string[]).includes(role))
    throw new ValidationError("Choose owner, admin, clinician or staff.", undefined, "invalid:role");
  // An unknown user id fails the memberships → users foreign key: NotFoundError("user").
  const run = async (ttx: TenantTx) => {
    await assertCanAddUser(ttx, orgId);
    return membershipsRepo(ttx, orgId).add({ userId, role });
  };
  return tx ? run(tx) : withTenant(orgId, run);
}
