import "server-only";
import { LRUCache } from "lru-cache";

// Per-process fixed-window limiter for anonymous endpoints (online booking). Keys are built by
// the caller from the organization id and the client address.
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
