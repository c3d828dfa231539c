import { z } from "zod";
import { switchOrganization } from "@/lib/auth/switch";
import { UnauthenticatedError } from "@/lib/errors/app-error";
import { platformRoute } from "@/lib/pipeline/platform-route";

const bodySchema = z.object({ organizationId: z.uuid("Choose an organization.") });

// POST {"organizationId"} — where the org switcher goes next (a link, or a single-use hand-off).
export const POST = platformRoute({ body: bodySchema, rateLimit: { limit: 60 } }, async ({ body, caller, facts }) => {
  if (caller.kind !== "user") throw new UnauthenticatedError();
  return switchOrganization({
    userId: caller.userId,
    organizationId: body.organizationId,
    protocol: facts.protocol,
    ssoOrganizationId: caller.ssoOrganizationId ?? null,
  });
});
