// Client-safe: links that work in subdomain, custom-domain and path-based modes.

/** `basePath` is "" on a tenant's own host and `/org/{slug}` for path-based URLs on the root domain. */
export function tenantHref(basePath: string, path: string): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  if (!basePath) return clean;
  return clean === "/" ? basePath : `${basePath}${clean}`;
}

/** An absolute URL on an organization's own subdomain. */
export function organizationUrl({
  slug,
  rootDomain,
  protocol,
  path = "/",
}: {
  slug: string;
  rootDomain: string;
  protocol: string;
  path?: string;
}): string {
  return `${protocol}//${slug}.${rootDomain}${path.startsWith("/") ? path : `/${path}`}`;
}
