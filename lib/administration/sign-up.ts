import "server-only";
import { config } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { organizationJson } from "@/lib/organizations/public-shape";
import type { CreateOrganizationInput } from "@/lib/organizations/schemas";
import { createInvitation } from "./invitations";
import { organizationService, subdomainOf } from "./organizations";
import { OWNER_CONFIRMATION_MESSAGE, requestOwnerConfirmation } from "./owner-confirmation";

/** Self-service organizations start on this plan; a platform operator moves them to another. */
export const SELF_SERVICE_PLAN = "basic" as const;

/**
 * A new organization: by a platform operator (the operator token), or self-service unless
 * OPEN_SIGNUP=false.
 * - Operator token: trusted; a named owner's account is created at once (operators vouch for the
 *   address), any plan.
 * - Self-service: the Basic plan only (asking for another is refused, 403). A named owner becomes
 *   owner only after confirming the address from the e-mail sent to it; the answer is the same
 *   whether or not that address has an account. A signed-in creator without a named owner becomes
 *   the owner; otherwise the answer carries a single-use owner-claim link.
 */
export async function createOrganizationSelfService({
  input,
  owner,
  creator,
}: {
  input: CreateOrganizationInput;
  owner?: { email: string; name: string; password: string };
  creator: { operatorToken: boolean; userId: string | null };
}) {
  const operator = creator.operatorToken;
  if (!operator && !config().openSignup) {
    throw new ForbiddenError("Creating organizations needs the platform operator token.", "forbidden:operator_only");
  }
  if (!operator && input.plan !== undefined && input.plan !== SELF_SERVICE_PLAN) {
    throw new ForbiddenError(
      "New organizations start on the Basic plan. Ask AgentCare to change the plan once it exists.",
      "forbidden:plan_operator_only",
    );
  }
  const signedInUserId = creator.userId;
  if (owner && !operator) {
    const organization = await organizationService.create({ ...input, plan: SELF_SERVICE_PLAN });
    await requestOwnerConfirmation({ organizationId: organization.id, organizationName: organization.name, owner });
    return {
      data: { ...organizationJson(organization), domain: subdomainOf(organization.slug) },
      ownerConfirmation: { status: "pending", message: OWNER_CONFIRMATION_MESSAGE },
    };
  }
  const { organization } = await organizationService.createWithOwner(
    operator ? input : { ...input, plan: SELF_SERVICE_PLAN },
    owner ? { owner } : signedInUserId ? { owner: { userId: signedInUserId } } : {},
  );
  let ownerClaimUrl: string | undefined;
  if (!owner && !signedInUserId && !operator) {
    ownerClaimUrl = (
      await withTenant(organization.id, (tx) => createInvitation(tx, organization.id, { email: null, role: "owner", invitedBy: null }))
    ).url;
  }
  return {
    data: { ...organizationJson(organization), domain: subdomainOf(organization.slug) },
    ...(ownerClaimUrl ? { ownerClaimUrl } : {}),
  };
}
