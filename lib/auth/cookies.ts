// Edge-safe: one cookie configuration everywhere (next-auth options and middleware read it).
import { isIpHost, normalizeHost } from "@/lib/tenancy/host";

/**
 * `.{root}` when the root is a real domain, so one sign-in serves every hospital subdomain;
 * host-only on localhost and IP addresses, where browsers refuse a shared domain cookie.
 */
export function sessionCookieDomain(rootDomain: string): string | undefined {
  const host = normalizeHost(rootDomain);
  if (!host || isIpHost(host) || !host.includes(".")) return undefined;
  if (host === "localhost" || host.endsWith(".localhost")) return undefined;
  return `.${host}`;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-agentcare.session" : "agentcare.session";
}

export function sessionCookie({ rootDomain, secure }: { rootDomain: string; secure: boolean }) {
  const domain = sessionCookieDomain(rootDomain);
  return {
    name: sessionCookieName(secure),
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      path: "/",
      secure,
      ...(domain ? { domain } : {}),
    },
  };
}

/** Whether the session cookie set on `rootDomain` reaches `host`. */
export function cookieReachesHost(rootDomain: string, host: string): boolean {
  const domain = sessionCookieDomain(rootDomain);
  const target = normalizeHost(host);
  if (!target) return false;
  if (!domain) return target === normalizeHost(rootDomain);
  return target === domain.slice(1) || target.endsWith(domain);
}
