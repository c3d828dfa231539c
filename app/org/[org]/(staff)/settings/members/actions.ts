"use server";

import { z } from "zod";
import { changeMember, inviteMember, listMembers, removeMember, revokeInvitation } from "@/lib/administration/members";
import { invitationInputSchema, memberChangeSchema } from "@/lib/memberships/schemas";
import { resetMemberMfa } from "@/lib/auth/mfa";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { tenantAdminAction } from "@/lib/pipeline/tenant-admin-action";
import { adminScopeOf } from "@/lib/tenancy/service-context";
import { idParam } from "@/lib/validation/fields";

/** Members (names, e-mails, roles, statuses) and open invitations. */
export const memberDirectoryAction = tenantAction(
  { name: "members.directory", schema: z.object({}), permission: "members:manage" },
  async (_input, ctx) => listMembers(adminScopeOf(ctx)),
);

/** A member's role or status (owner rules and the last active owner are the service's). */
export const changeMemberAction = tenantAction(
  { name: "members.change", schema: memberChangeSchema, permission: "members:manage" },
  async ({ id, ...patch }, ctx) => changeMember(adminScopeOf(ctx), id, patch),
);

export const removeMemberAction = tenantAction(
  { name: "members.remove", schema: z.object({ id: idParam }), permission: "members:manage" },
  async ({ id }, ctx) => removeMember(adminScopeOf(ctx), id),
);

/** E-mails an invitation link through the outbox; the link is returned this once. */
export const inviteMemberAction = tenantAction(
  { name: "members.invite", schema: invitationInputSchema, permission: "members:manage" },
  async (input, ctx) => inviteMember(adminScopeOf(ctx), input),
);

export const revokeInvitationAction = tenantAction(
  { name: "members.revoke_invitation", schema: z.object({ id: idParam }), permission: "members:manage" },
  async ({ id }, ctx) => revokeInvitation(adminScopeOf(ctx), id),
);

/** A member's two-factor authentication removed (a lost phone): they sign in with their password and can set it up again. */
export const resetMemberMfaAction = tenantAdminAction(
  { name: "members.reset_mfa", schema: z.object({ id: idParam }), permission: "members:manage" },
  async ({ id }, scope) => resetMemberMfa(scope, id, scope.request),
);
