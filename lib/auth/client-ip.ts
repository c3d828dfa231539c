import { trustProxyHeaders } from "@/lib/tenancy/config";

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(headers: HeaderBag, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[value.length - 1] ?? null) : (value ?? null);
}

/**
 * The client's address. The right-most X-Forwarded-For entry is the one our own server (or the
 * proxy in front of it) appended; entries to its left are whatever the client claimed.
 */
export function clientIp(headers: HeaderBag): string | null {
  const forwarded = read(headers, "x-forwarded-for");
  const parts = forwarded?.split(",").map((p) => p.trim()).filter(Boolean) ?? [];
  const candidate = trustProxyHeaders() ? parts[0] : parts[parts.length - 1];
  const ip = (candidate ?? read(headers, "x-real-ip") ?? "").replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
