import { config } from "@/lib/config/env";
import { headers } from "next/headers";
import { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { isOperatorToken } from "@/lib/auth/operator";
import { getSession } from "@/lib/auth/session";
import { platformKey } from "@/lib/cache/keys";
import { withTenant } from "@/lib/db/tenant";
import { RateLimitedError, ForbiddenError, ValidationError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { createInvitation } from "@/lib/administration/invitations";
import { organizationJson } from "@/lib/organizations/public-shape";
import { createOrganizationSchema } from "@/lib/organizations/schemas";
import { organizationService, subdomainOf } from "@/lib/administration/organizations";
import { allowRequest } from "@/lib/tenancy/rate-limit";
import { requestInfo } from "@/lib/tenancy/request";

export const dynamic = "force-dynamic";

const bodySchema = createOrganizationSchema.extend({
  owner: z
    .object({
      email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address.")),
      name: z.string().trim().min(1, "Enter the administrator's name.").max(120),
      password: z.string().min(10, "Use at least 10 characters.").max(200),
    })
    .optional(),
});

/**
 * POST /api/v1/organizations — the guide's "Create Test Organizations" call.
 * With `Authorization: Bearer $PLATFORM_ADMIN_TOKEN`: a platform operator creates it.
 * Without (self-service, unless OPEN_SIGNUP=false): rate-limited; with `owner` the first owner's
 * account is created too, otherwise the answer carries a single-use owner-claim link.
 */
export async function POST(request: Request) {
  const info = await requestInfo();
  try {
    const operator = isOperatorToken((await headers()).get("authorization"));
    if (!operator) {
      if (!config().openSignup) {
        throw new ForbiddenError("Creating organizations needs the platform operator token.", "forbidden:operator_only");
      }
      if (!allowRequest(platformKey("signup", info.ip ?? "unknown"), 10, 60 * 60_000)) {
        throw new RateLimitedError("Too many organizations created from this address. Try again later.");
      }
    }
    const raw = await request.json().catch(() => {
      throw new ValidationError("The request body must be JSON.");
    });
    const { owner, ...input } = parseOrThrow(bodySchema, raw, "organization");
    // A signed-in person creating an organization without naming an owner becomes its owner.
    const session = owner ? null : await getSession();
    const { organization } = await organizationService.createWithOwner(
      input,
      owner ? { owner } : session ? { owner: { userId: session.user.id } } : {},
    );
    let ownerClaimUrl: string | undefined;
    if (!owner && !session && !operator) {
      ownerClaimUrl = (
        await withTenant(organization.id, (tx) => createInvitation(tx, organization.id, { email: null, role: "owner", invitedBy: null }))
      ).url;
    }
    return Response.json(
      { data: { ...organizationJson(organization), domain: subdomainOf(organization.slug) }, ...(ownerClaimUrl ? { ownerClaimUrl } : {}) },
      { status: 201, headers: { "x-request-id": info.requestId } },
    );
  } catch (err) {
    return errorResponse(err, info.requestId);
  }
}
