import { SLUG_CHECK_RATE_LIMIT, slugAvailability, slugCheckInput } from "@/lib/administration/slug-availability";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

// GET /api/v1/signup/slug?slug= — live availability, with suggestions when taken (the sign-up page checks through its own action).
export const GET = platformRoute(
  { query: slugCheckInput, credentials: false, rateLimit: { limit: SLUG_CHECK_RATE_LIMIT.limit, message: SLUG_CHECK_RATE_LIMIT.message } },
  async ({ query }) => ({ data: await slugAvailability(query.slug) }),
);
