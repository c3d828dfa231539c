import { RESERVED_SUBDOMAINS, SLUG_PATTERN } from "./host";

// The one rule for an organization's web address (slug): shape, length, reserved names and the
// message for each. Pure and client-safe: the sign-up form and the server use the same function
// (the server's zod schema for it is in slug-schema.ts, so the browser does not load zod).

export const SLUG_MIN = 3;
export const SLUG_MAX = 63;

export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  ...RESERVED_SUBDOMAINS,
  "default",
  "org",
  "orgs",
  "sign-in",
  "sign-up",
  "book",
  "localhost",
]);

/**
 * An offboarded organization keeps its record as a tombstone whose slug is this prefix and its id:
 * no organization may choose such an address, so the prefix alone tells a tombstone.
 */
export const OFFBOARDED_SLUG_PREFIX = "offboarded-";

export function isOffboardedSlug(slug: string): boolean {
  return slug.startsWith(OFFBOARDED_SLUG_PREFIX);
}

/** Why a slug cannot be used, or null when its shape is fine (availability is a database question). */
export function slugProblem(slug: string): string | null {
  if (slug.length < SLUG_MIN) return `Use at least ${SLUG_MIN} characters.`;
  if (slug.length > SLUG_MAX) return `Use at most ${SLUG_MAX} characters.`;
  if (!SLUG_PATTERN.test(slug)) return "Use lower-case letters, digits and hyphens; start and end with a letter or digit.";
  if (slug.includes("--")) return "Do not use two hyphens in a row.";
  if (RESERVED_SLUGS.has(slug) || isOffboardedSlug(slug)) return "That address is reserved.";
  return null;
}

/** An address suggested from the organization's name; slugProblem still has the final word. */
export function slugFromName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  if (base.length <= SLUG_MAX) return base;
  const cut = base.slice(0, SLUG_MAX);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut).replace(/-$/, "");
}

/** What the user typed in the address box, reduced to characters a slug may hold. */
export function cleanSlugInput(value: string): string {
  return value
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9-]/g, "");
}
