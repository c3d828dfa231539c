import { config } from "@/lib/config/env";

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderBag, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[value.length - 1] ?? null) : (value ?? null);
}

/**
 * The client's address. Our server (scripts/server.mjs) puts the socket address last in
 * X-Forwarded-For, replacing whatever the client sent unless proxies are trusted. Behind
 * TRUSTED_PROXY_HOPS trusted proxies (default 1), the client is that many entries left of ours;
 * anything further left is whatever the client claimed.
 */
export function clientIp(headers: HeaderBag): string | null {
  const forwarded = read(headers, "x-forwarded-for");
  const parts =
    forwarded
      ?.split(",")
      .map((p) => p.trim())
      .filter(Boolean) ?? [];
  const hops = config().trustProxyHeaders ? config().trustedProxyHops : 0;
  const candidate = parts[Math.max(0, parts.length - 1 - hops)];
  const ip = (candidate ?? read(headers, "x-real-ip") ?? "").replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
