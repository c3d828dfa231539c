import "server-only";
import { clientIp } from "@/lib/auth/client-ip";
import { config } from "@/lib/config/env";
import { requestHeaders } from "@/lib/http/request-scope";
import { classifyHost, normalizeHost, SLUG_PATTERN, type HostClass } from "@/lib/tenancy/host";

/** What the pipeline knows about a request, re-derived from its headers (never middleware's word). */
export type RequestFacts = {
  host: string | null;
  hostClass: HostClass;
  /** The path the client asked for, before middleware rewrote it. */
  path: string | null;
  /** Its query string ("?a=b"), when it had one. */
  search?: string | null;
  /** The slug of a path-based tenant URL (`/org/{slug}/…`) on the root domain. */
  pathTenant: string | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
  /** Sec-Fetch-Site, as a browser sent it. */
  secFetchSite: string | null;
  /** The Host (or trusted X-Forwarded-Host) as sent, with its port: what Origin is compared with. */
  authority: string | null;
  authorization: string | null;
  /** X-Organization-ID: a selector for API clients, never a grant. */
  organizationSelector: string | null;
  protocol: "http:" | "https:";
};

const PATH_TENANT = /^\/org\/([^/]+)/;

type HeaderSource = { get(name: string): string | null };

/** Pure: the facts from a set of request headers (middleware set the x-agentcare-* ones). */
export function requestFactsFrom(h: HeaderSource): RequestFacts {
  const { trustProxyHeaders, rootDomain } = config();
  const raw = (trustProxyHeaders && h.get("x-forwarded-host")?.split(",")[0]) || h.get("host");
  const path = h.get("x-agentcare-path");
  const hostClass = classifyHost(raw, rootDomain);
  let pathTenant: string | null = null;
  const match = hostClass.kind === "root" && path ? PATH_TENANT.exec(path) : null;
  if (match) {
    let slug: string;
    try {
      slug = decodeURIComponent(match[1]!).toLowerCase();
    } catch {
      slug = "";
    }
    pathTenant = SLUG_PATTERN.test(slug) ? slug : null;
  }
  return {
    host: normalizeHost(raw),
    hostClass,
    path,
    search: h.get("x-agentcare-search"),
    pathTenant,
    requestId: h.get("x-agentcare-request-id") ?? crypto.randomUUID(),
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
    origin: h.get("origin"),
    secFetchSite: h.get("sec-fetch-site"),
    authority: raw?.trim().toLowerCase() || null,
    authorization: h.get("authorization"),
    organizationSelector: h.get("x-organization-id")?.trim() || null,
    protocol: h.get("x-forwarded-proto") === "https" ? "https:" : "http:",
  };
}

/** The current request's facts (route handlers, server actions, server components). */
export async function readRequest(): Promise<RequestFacts> {
  return requestFactsFrom(await requestHeaders());
}

/** The audit trail's view of the request. */
export function auditRequestOf(facts: RequestFacts) {
  return { requestId: facts.requestId, ip: facts.ip, userAgent: facts.userAgent };
}
