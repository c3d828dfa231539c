import { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { platformKey } from "@/lib/cache/keys";
import { withPlatform } from "@/lib/db/tenant";
import { RateLimitedError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { slugProblem } from "@/lib/organizations/schemas";
import { allowRequest } from "@/lib/tenancy/rate-limit";
import { requestInfo } from "@/lib/tenancy/request";

export const dynamic = "force-dynamic";

const querySchema = z.object({ slug: z.string().trim().toLowerCase().max(80) });

// GET /api/v1/signup/slug?slug= — live availability for the sign-up form, with suggestions when taken.
export async function GET(request: Request) {
  const info = await requestInfo();
  try {
    if (!allowRequest(platformKey("slug-check", info.ip ?? "unknown"), 120, 60_000)) {
      throw new RateLimitedError("Too many checks. Please wait a minute.");
    }
    const { slug } = parseOrThrow(querySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
    const problem = slugProblem(slug);
    if (problem) return Response.json({ data: { slug, available: false, reason: problem, suggestions: [] } });
    const taken = async (s: string) => Boolean(await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug: s })));
    if (!(await taken(slug))) return Response.json({ data: { slug, available: true, reason: null, suggestions: [] } });
    const suggestions: string[] = [];
    for (const candidate of [`${slug}-health`, `${slug}-clinic`, `${slug}-care`, `${slug}-2`, `${slug}-3`]) {
      if (suggestions.length >= 3) break;
      if (!slugProblem(candidate) && !(await taken(candidate))) suggestions.push(candidate);
    }
    return Response.json({ data: { slug, available: false, reason: "That address is already taken.", suggestions } });
  } catch (err) {
    return errorResponse(err, info.requestId);
  }
}
