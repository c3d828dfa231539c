import "server-only";
import { LRUCache } from "lru-cache";
import { platformKey, tenantKey } from "@/lib/cache/keys";
import { RateLimitedError } from "@/lib/errors/app-error";
import type { Caller } from "./authenticate";

// Fixed one-minute windows, kept per process. Keys are built only here: the resolved organization,
// the route's template (never the raw URL, so ids and tokens cannot mint fresh allowances) and the
// caller.
const windows = new LRUCache<string, { count: number; resetAt: number }>({ max: 50_000 });

export function allowRequest(key: string, limit: number, windowMs: number, now = Date.now()): boolean {
  const current = windows.get(key);
  if (!current || current.resetAt <= now) {
    windows.set(key, { count: 1, resetAt: now + windowMs });
    return true;
  }
  current.count += 1;
  return current.count <= limit;
}

/**
 * `/org/metro/api/v1/patients/6f1c…` with params `{id: "6f1c…"}` → `/api/v1/patients/[id]`.
 * Pure: the path-tenant prefix goes (the organization is part of the key already) and every
 * segment that is a route parameter becomes its name.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[]> = {}): string {
  const path = pathname.replace(/^\/org\/[^/]+(?=\/api\/)/, "");
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value]) byValue.set(part, name);
  }
  return path
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // keep the raw segment
      }
      const name = byValue.get(decoded) ?? byValue.get(segment);
      return name ? `[${name}]` : segment;
    })
    .join("/");
}

/** The caller part of a rate-limit key. Pure. */
export function callerKey(caller: Caller, ip: string | null): string {
  switch (caller.kind) {
    case "user":
      return `user:${caller.userId}`;
    case "api_key":
      return `key:${caller.keyId}`;
    case "operator":
      return caller.userId ? `operator:${caller.userId}` : "operator-token";
    case "anonymous":
      return `ip:${ip ?? "unknown"}`;
  }
}

/** Per minute, unless a route says otherwise: anonymous visitors get the least. */
export const DEFAULT_LIMITS: Record<Caller["kind"], number> = { anonymous: 60, user: 600, api_key: 1200, operator: 1200 };

export function rateLimit({
  orgId,
  route,
  caller,
  ip,
  limit,
  windowMs = 60_000,
  message,
}: {
  orgId: string | null;
  route: string;
  caller: Caller;
  ip: string | null;
  /** Requests per window (default: per minute, by kind of caller). */
  limit?: number;
  windowMs?: number;
  message?: string;
}): void {
  const who = callerKey(caller, ip);
  const key = orgId ? tenantKey(orgId, "rate", route, who) : platformKey("rate", route, who);
  if (!allowRequest(key, limit ?? DEFAULT_LIMITS[caller.kind], windowMs)) throw new RateLimitedError(message);
}
