import "server-only";
import { config } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { organizationJson } from "@/lib/organizations/public-shape";
import type { CreateOrganizationInput } from "@/lib/organizations/schemas";
import { createInvitation } from "./invitations";
import { organizationService, subdomainOf } from "./organizations";

/**
 * A new organization: by a platform operator (the operator token), or self-service unless
 * OPEN_SIGNUP=false. A named owner gets an account; a signed-in creator becomes the owner;
 * otherwise the answer carries a single-use owner-claim link.
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
  const signedInUserId = creator.userId;
  const { organization } = await organizationService.createWithOwner(
    input,
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
