import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { config } from "@/lib/config/env";
import { DEFAULT_ORGANIZATION_SLUG } from "./default-organization";
import { classifyHost, normalizeHost, SLUG_PATTERN, tenantKeyFor, type HostClass } from "./host";

export type RequestInfo = {
  host: string | null;
  hostClass: HostClass;
  path: string | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
};

/** Facts about the current request, re-derived from its headers (not from middleware's word). */
export async function requestInfo(): Promise<RequestInfo> {
  const h = await headers();
  const raw = (config().trustProxyHeaders && h.get("x-forwarded-host")?.split(",")[0]) || h.get("host");
  return {
    host: normalizeHost(raw),
    hostClass: classifyHost(raw, config().rootDomain),
    path: h.get("x-agentcare-path"),
    requestId: h.get("x-agentcare-request-id") ?? crypto.randomUUID(),
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
  };
}

/**
 * The tenant key this request may address. On a tenant or custom-domain host it is that host's
 * key and nothing else; on the root domain, a path-based slug. Null means: no such tenant here.
 */
export function allowedTenantKey(info: RequestInfo, requestedKey: string | null): string | null {
  if (!config().multiTenancy) {
    return requestedKey === null || requestedKey.toLowerCase() === DEFAULT_ORGANIZATION_SLUG ? DEFAULT_ORGANIZATION_SLUG : null;
  }
  const hostKey = tenantKeyFor(info.hostClass);
  if (hostKey) return requestedKey === null || requestedKey.toLowerCase() === hostKey ? hostKey : null;
  if (info.hostClass.kind !== "root" || requestedKey === null) return null;
  const key = requestedKey.toLowerCase();
  return SLUG_PATTERN.test(key) ? key : null;
}
