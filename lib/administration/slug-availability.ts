import "server-only";
import { z } from "zod";
import { withPlatform } from "@/lib/db/tenant";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { slugProblem } from "@/lib/tenancy/slug";

export const slugCheckInput = z.object({ slug: z.string().trim().toLowerCase().max(80) });

/** Per address and minute, one allowance for the REST check and the sign-up form's. */
export const SLUG_CHECK_RATE_LIMIT = {
  route: "/api/v1/signup/slug",
  limit: 120,
  message: "Too many checks. Please wait a minute.",
} as const;

export type SlugAvailability = { slug: string; available: boolean; reason: string | null; suggestions: string[] };

/** Whether an address can be had, and up to three free alternatives when it is taken. */
export async function slugAvailability(slug: string): Promise<SlugAvailability> {
  const problem = slugProblem(slug);
  if (problem) return { slug, available: false, reason: problem, suggestions: [] };
  const taken = async (s: string) => Boolean(await withPlatform((tx) => platformOrganizations(tx).findBySlug({ slug: s })));
  if (!(await taken(slug))) return { slug, available: true, reason: null, suggestions: [] };
  const suggestions: string[] = [];
  for (const candidate of [`${slug}-health`, `${slug}-clinic`, `${slug}-care`, `${slug}-2`, `${slug}-3`]) {
    if (suggestions.length >= 3) break;
    if (!slugProblem(candidate) && !(await taken(candidate))) suggestions.push(candidate);
  }
  return { slug, available: false, reason: "That address is already taken.", suggestions };
}
