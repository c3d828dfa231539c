import "server-only";
import { z } from "zod";
import { config } from "@/lib/config/env";
import { withTenant } from "@/lib/db/tenant";
import { ForbiddenError } from "@/lib/errors/app-error";
import { organizationJson } from "@/lib/organizations/public-shape";
import { createOrganizationSchema, type CreateOrganizationInput } from "@/lib/organizations/schemas";
import type { Caller } from "@/lib/pipeline/authenticate";
import { email, password } from "@/lib/validation/fields";
import { createInvitation } from "./invitations";
import { organizationService, subdomainOf } from "./organizations";
import { OWNER_CONFIRMATION_MESSAGE, requestOwnerConfirmation } from "./owner-confirmation";

/** A new organization, optionally with its first owner: the REST endpoint's body and the sign-up form's fields. */
export const signUpInput = createOrganizationSchema.extend({
  owner: z
    .object({
      email,
      name: z.string().trim().min(1, "Enter the administrator's name.").max(120),
      password,
    })
    .optional(),
});

/**
 * Ten self-service organizations an hour from one address (or account), counted once for the REST
 * endpoint and the sign-up page. The platform operator's token is not limited.
 */
export const SIGN_UP_RATE_LIMIT = {
  route: "/api/v1/organizations",
  limit: 10,
  windowMs: 60 * 60_000,
  message: "Too many organizations created from this address. Try again later.",
  unless: (caller: Caller) => caller.kind === "operator" && caller.userId === null,
};

/** Creates an organization for whoever asked (the endpoint's and the sign-up page's one path). */
export function signUp(body: z.infer<typeof signUpInput>, caller: Caller) {
  const { owner, ...input } = body;
  return createOrganizationSelfService({
    input,
    owner,
    creator: {
      operatorToken: caller.kind === "operator" && caller.userId === null,
      userId: caller.kind === "user" || caller.kind === "operator" ? caller.userId : null,
    },
  });
}

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
