import "server-only";
import { LRUCache } from "lru-cache";

// Process-local cache. Keys come only from tenantKey()/platformKey() (lib/cache/keys.ts).
// One store per process: Next bundles server actions and route handlers separately, and each
// bundle would otherwise get its own copy of this module (and miss the others' invalidations).
const globalForCache = globalThis as unknown as { __agentcareCache?: LRUCache<string, { value: unknown }> };
const store = (globalForCache.__agentcareCache ??= new LRUCache<string, { value: unknown }>({ max: 5000, ttl: 60_000 }));

export async function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = store.get(key);
  if (hit) return hit.value as T;
  const value = await load();
  store.set(key, { value }, { ttl: ttlMs });
  return value;
}

export function invalidate(key: string): void {
  store.delete(key);
}

export function invalidatePrefix(prefix: string): void {
  for (const key of store.keys()) if (key.startsWith(prefix)) store.delete(key);
}
