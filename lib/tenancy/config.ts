// Edge-safe configuration read by middleware and server alike.
export const DEFAULT_ORGANIZATION_SLUG = "default";
export const DEFAULT_ORGANIZATION_ID = "00000000-0000-0000-0000-000000000000";

export function rootDomain(): string {
  return (process.env.ROOT_DOMAIN ?? "localhost").trim().toLowerCase();
}

export function trustProxyHeaders(): boolean {
  return process.env.TRUST_PROXY_HEADERS === "true";
}

/** MULTI_TENANCY=false serves every request as the default organization (the guide's rollback switch). */
export function multiTenancyEnabled(): boolean {
  return process.env.MULTI_TENANCY !== "false";
}
