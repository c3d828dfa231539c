import { isUuidShape } from "./uuid";

// Every cache key for tenant data is built here, prefixed by the organization id, so no entry can
// be read for another organization.
export function tenantKey(orgId: string, ...parts: (string | number)[]): string {
  if (!isUuidShape(orgId)) throw new Error("tenantKey needs an organization id");
  if (parts.length === 0) throw new Error("tenantKey needs at least one part");
  return ["tenant", orgId, ...parts.map((p) => String(p).replace(/:/g, "%3A"))].join(":");
}

/** Platform-level keys (tenant lookup by slug or host): never hold tenant data. */
export function platformKey(...parts: (string | number)[]): string {
  if (parts.length === 0) throw new Error("platformKey needs at least one part");
  return ["platform", ...parts.map((p) => String(p).replace(/:/g, "%3A"))].join(":");
}
