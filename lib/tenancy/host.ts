// Pure and Edge-safe: imported by middleware.ts. No Node APIs, no database.

export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  "www",
  "app",
  "api",
  "admin",
  "auth",
  "static",
  "status",
  "assets",
  "cdn",
  "docs",
  "help",
  "support",
  "mail",
  "email",
  "billing",
  "dashboard",
  "login",
  "signin",
  "signup",
  "platform",
  "internal",
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type HostClass =
  { kind: "root" } | { kind: "tenant"; slug: string } | { kind: "custom"; hostname: string } | { kind: "invalid"; reason: string };

const HOST_CHARS = /^[a-z0-9.-]+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Lower-cases, strips the port, one trailing dot and a leading `www.`. Returns null for anything
 * that is not a plain hostname (userinfo, paths, fragments, spaces, CR/LF, non-ASCII).
 */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let host = raw.trim().toLowerCase();
  if (!host || host.length > 260) return null;
  if (host.startsWith("[")) {
    // IPv6 literal, with or without a port.
    const end = host.indexOf("]");
    if (end < 0) return null;
    const inner = host.slice(1, end);
    const rest = host.slice(end + 1);
    if (!/^[0-9a-f:.]+$/.test(inner) || (rest && !/^:\d{1,5}$/.test(rest))) return null;
    return `[${inner}]`;
  }
  const colon = host.lastIndexOf(":");
  if (colon >= 0) {
    const port = host.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return null;
    host = host.slice(0, colon);
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.startsWith("www.")) host = host.slice(4);
  if (!host || !HOST_CHARS.test(host)) return null;
  const labels = host.split(".");
  if (labels.some((l) => l.length === 0 || l.length > 63 || l.startsWith("-") || l.endsWith("-"))) return null;
  return host;
}

export function isIpHost(host: string): boolean {
  return host.startsWith("[") || IPV4.test(host);
}

/** Classifies a request's Host against the platform's root domain (e.g. `agentcare.com`, `localhost:3000`). */
export function classifyHost(rawHost: string | null | undefined, rootDomain: string): HostClass {
  const root = normalizeHost(rootDomain);
  if (!root) return { kind: "invalid", reason: "root domain misconfigured" };
  const host = normalizeHost(rawHost);
  if (!host) return { kind: "invalid", reason: "malformed host" };
  if (host === root || isIpHost(host)) return { kind: "root" };
  if (host.endsWith(`.${root}`)) {
    const label = host.slice(0, -(root.length + 1));
    if (label.includes(".")) return { kind: "invalid", reason: "nested subdomain" };
    if (RESERVED_SUBDOMAINS.has(label)) return { kind: "root" };
    if (!SLUG_PATTERN.test(label)) return { kind: "invalid", reason: "not a tenant label" };
    return { kind: "tenant", slug: label };
  }
  if (!host.includes(".")) return { kind: "invalid", reason: "single-label host" };
  return { kind: "custom", hostname: host };
}

/** The key app/org/[org] receives: a slug (no dots) or a custom hostname (always has dots). */
export function tenantKeyFor(cls: HostClass): string | null {
  if (cls.kind === "tenant") return cls.slug;
  if (cls.kind === "custom") return cls.hostname;
  return null;
}

/** A request's address as its headers give it. */
export type RequestAddress = {
  /** The authority the client asked for: X-Forwarded-Host's first entry from a trusted proxy, else Host. */
  rawHost: string | null;
  hostClass: HostClass;
  /** Whether a trusted proxy says the request arrived over https. */
  https: boolean;
};

/**
 * The one reading of a request's address, shared by the middleware, the direct API path and the
 * page cache: forwarding headers count only from a trusted proxy (TRUST_PROXY_HEADERS). Pure.
 */
export function requestAddress(
  header: (name: string) => string | null | undefined,
  { trusted, rootDomain }: { trusted: boolean; rootDomain: string },
): RequestAddress {
  const rawHost = (trusted && header("x-forwarded-host")?.split(",")[0]) || header("host") || null;
  const https = trusted && header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  return { rawHost, hostClass: classifyHost(rawHost, rootDomain), https };
}

/**
 * Whether a browser's request came from the page it is addressed to: `Origin` names exactly this
 * authority (host and port; `www.` and port are not ignored here, unlike tenant lookup), or, with
 * no Origin, `Sec-Fetch-Site` says same-origin. A request with neither header comes from no
 * browser (every supported browser sends Origin on a POST), so it cannot be a forged one. Pure.
 */
export function isSameOriginRequest({
  origin,
  secFetchSite,
  authority,
}: {
  origin: string | null;
  secFetchSite: string | null;
  authority: string | null;
}): boolean {
  if (origin !== null) {
    if (!authority) return false;
    try {
      const from = new URL(origin);
      if (from.protocol !== "http:" && from.protocol !== "https:") return false;
      const addressed = new URL(`${from.protocol}//${authority.trim()}`);
      return from.host === addressed.host && addressed.pathname === "/" && !addressed.username;
    } catch {
      return false;
    }
  }
  if (secFetchSite !== null) return secFetchSite.trim().toLowerCase() === "same-origin";
  return true;
}
