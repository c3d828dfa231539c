import "server-only";
import { config } from "@/lib/config/env";
import { findOrganization } from "@/lib/organizations/lookup";
import { classifyHost, tenantKeyFor } from "@/lib/tenancy/host";

/** The platform's own address, from configuration (never from a request). */
export function platformOrigin(): string {
  return `${config().publicUrlScheme}://${config().rootDomain}`;
}

/**
 * Which organization (id) an address belongs to, "root" for the platform's domain, or null for a
 * host that is none of ours (a custom domain counts only once verified).
 */
async function ownerOf(url: URL): Promise<string | null> {
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password) return null;
  const root = config().rootDomain;
  const cls = classifyHost(url.host, root);
  if (cls.kind === "root") return url.host.toLowerCase() === root ? "root" : null;
  const key = tenantKeyFor(cls);
  if (!key) return null;
  if (cls.kind === "tenant" && url.host.toLowerCase() !== `${cls.slug}.${root}`) return null;
  const organization = await findOrganization(key, url.host);
  return organization?.id ?? null;
}

/**
 * Where next-auth may send the browser after signing in or out: a path, or an absolute URL on the
 * same organization's hosts (its subdomain or a verified custom domain) or the platform's root.
 * Anything else — another organization, a host that is not ours, a `//host` path — goes to the
 * page the request came from, and when that address is not ours either, to the platform's root.
 */
export async function safeRedirect(url: string, baseUrl: string): Promise<string> {
  const fallback = platformOrigin();
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return fallback;
  }
  const baseOwner = await ownerOf(base);
  const home = baseOwner ? base.origin : fallback;
  let target: URL;
  try {
    target = new URL(url, home);
  } catch {
    return home;
  }
  if (target.origin === home) return target.href;
  const targetOwner = await ownerOf(target);
  if (targetOwner === "root") return target.href;
  if (targetOwner && baseOwner && targetOwner === baseOwner) return target.href;
  return home;
}
