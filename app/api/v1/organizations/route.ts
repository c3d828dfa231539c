import { SIGN_UP_RATE_LIMIT, signUp, signUpInput } from "@/lib/administration/sign-up";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/organizations — create an organization.
 * With `Authorization: Bearer $PLATFORM_ADMIN_TOKEN`: a platform operator creates it.
 * Without (self-service, unless OPEN_SIGNUP=false): rate-limited per address; with `owner` the
 * first owner's account is created too, otherwise the answer carries a single-use owner-claim link.
 */
export const POST = platformRoute(
  {
    body: signUpInput,
    credentials: { operator: true },
    // Self-service sign-up: ten organizations an hour from one address. Operators are not limited.
    rateLimit: SIGN_UP_RATE_LIMIT,
  },
  async ({ body, caller }) => Response.json(await signUp(body, caller), { status: 201 }),
);
