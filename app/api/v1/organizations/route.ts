import { z } from "zod";
import { createOrganizationSelfService } from "@/lib/administration/sign-up";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { createOrganizationSchema } from "@/lib/organizations/schemas";
import { email, password } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

const bodySchema = createOrganizationSchema.extend({
  owner: z
    .object({
      email,
      name: z.string().trim().min(1, "Enter the administrator's name.").max(120),
      password,
    })
    .optional(),
});

/**
 * POST /api/v1/organizations — create an organization.
 * With `Authorization: Bearer $PLATFORM_ADMIN_TOKEN`: a platform operator creates it.
 * Without (self-service, unless OPEN_SIGNUP=false): rate-limited per address; with `owner` the
 * first owner's account is created too, otherwise the answer carries a single-use owner-claim link.
 */
export const POST = platformRoute(
  {
    body: bodySchema,
    credentials: { operator: true },
    // Self-service sign-up: ten organizations an hour from one address. Operators are not limited.
    rateLimit: {
      limit: 10,
      windowMs: 60 * 60_000,
      message: "Too many organizations created from this address. Try again later.",
      unless: (caller) => caller.kind === "operator" && caller.userId === null,
    },
  },
  async ({ body, caller }) => {
    const { owner, ...input } = body;
    const creator = {
      operatorToken: caller.kind === "operator" && caller.userId === null,
      userId: caller.kind === "user" || caller.kind === "operator" ? caller.userId : null,
    };
    const created = await createOrganizationSelfService({ input, owner, creator });
    return Response.json(created, { status: 201 });
  },
);
