import { SLUG_PATTERN } from "./host";

const PATH_TENANT = /^\/org\/([^/]+)(\/.*)?$/;

/** The REST API and the FHIR endpoint: handlers, not pages, so never rewritten to app/org/[org]. */
export const isApiPath = (pathname: string): boolean =>
  pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/fhir/");

/** Where an API request goes: the handler's path, and the slug a root-domain `/org/{slug}/` prefix named. */
export type ApiTarget = { path: string; pathTenant: string | null };

/**
 * Whether a request is for the REST API or the FHIR endpoint, and which path serves it. `tenantKey`
 * is the tenant the host names (null on the root domain). On the root domain `/org/{slug}/api/…`
 * and `/org/{slug}/fhir/…` reach the same handlers with the slug as the tenant; a malformed slug
 * there is "not_found". null: a page (or anything else that is not an API request).
 * Pure and Edge-safe: the middleware and the production server's direct API path both use it.
 */
export function apiTarget(tenantKey: string | null, pathname: string): ApiTarget | "not_found" | null {
  if (!tenantKey) {
    const match = PATH_TENANT.exec(pathname);
    if (match && (match[2]?.startsWith("/api/") || match[2]?.startsWith("/fhir/"))) {
      const slug = safeDecode(match[1]!).toLowerCase();
      if (!SLUG_PATTERN.test(slug)) return "not_found";
      return { path: match[2], pathTenant: slug };
    }
  }
  return isApiPath(pathname) ? { path: pathname, pathTenant: null } : null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}
