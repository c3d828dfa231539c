import { z } from "zod";
import { slugAvailability } from "@/lib/administration/slug-availability";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ slug: z.string().trim().toLowerCase().max(80) });

// GET /api/v1/signup/slug?slug= — live availability for the sign-up form, with suggestions when taken.
export const GET = platformRoute(
  { query: querySchema, credentials: false, rateLimit: { limit: 120, message: "Too many checks. Please wait a minute." } },
  async ({ query }) => ({ data: await slugAvailability(query.slug) }),
);
