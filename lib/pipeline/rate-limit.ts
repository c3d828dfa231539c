import "server-only";
import { LRUCache } from "lru-cache";
import { config } from "@/lib/config/env";
import { apiRequestsPerMinute } from "@/lib/billing/plans";
import { platformKey, tenantKey } from "@/lib/cache/keys";
import type { OrganizationPlan } from "@/lib/db/schema/enums";
import { AppError, RateLimitedError } from "@/lib/errors/app-error";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import { redisConnections } from "@/lib/cache/redis";
import type { Caller } from "./authenticate";

/** One fixed window's count after a hit. */
export type WindowHit = { count: number; resetAt: number };

/**
 * Where the windows live. Async so a store shared by several instances (Redis, the database) can
 * replace the in-process one without touching a caller: `hit` counts one request and answers the
 * window's count including it.
 */
export interface RateLimitStore {
  hit(key: string, windowMs: number, now: number): Promise<WindowHit>;
}

/** Fixed windows in this process (the default; one instance sees all of its own traffic). */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new LRUCache<string, WindowHit>({ max: 50_000 });

  hit(key: string, windowMs: number, now: number): Promise<WindowHit> {
    const current = this.windows.get(key);
    if (!current || current.resetAt <= now) {
      const fresh = { count: 1, resetAt: now + windowMs };
      this.windows.set(key, fresh);
      return Promise.resolve({ ...fresh });
    }
    current.count += 1;
    return Promise.resolve({ ...current });
  }
}

/**
 * Fixed windows in Redis, shared by every instance (REDIS_URL): one atomic increment-with-expiry
 * per request (rate-limiter-flexible's Redis limiter; the limit itself is judged by `consume`).
 * While Redis cannot be reached, the windows are counted in this process ("local") or every
 * request that needs a limit is refused with 503 ("refuse"), as RATE_LIMIT_WITHOUT_REDIS says.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(
    private readonly client: Redis,
    private readonly keyPrefix: string,
    private readonly whenDown: "local" | "refuse",
    private readonly fallback: RateLimitStore = new MemoryRateLimitStore(),
  ) {}

  private limiterFor(windowMs: number): RateLimiterRedis {
    let limiter = this.limiters.get(windowMs);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.client,
        keyPrefix: `${this.keyPrefix}${windowMs}`,
        // Counting only: never refuses by itself, so the count always comes back.
        points: Number.MAX_SAFE_INTEGER,
        duration: Math.max(1, Math.ceil(windowMs / 1000)),
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(windowMs, limiter);
    }
    return limiter;
  }

  async hit(key: string, windowMs: number, now: number): Promise<WindowHit> {
    try {
      const res = await this.limiterFor(windowMs).consume(key, 1);
      return { count: res.consumedPoints, resetAt: now + res.msBeforeNext };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { count: err.consumedPoints, resetAt: now + err.msBeforeNext };
      if (this.whenDown === "refuse") throw new RateLimitStoreUnavailableError();
      return this.fallback.hit(key, windowMs, now);
    }
  }
}

/** Limits cannot be counted (Redis down and RATE_LIMIT_WITHOUT_REDIS=refuse): 503, try again. */
export class RateLimitStoreUnavailableError extends AppError {
  constructor() {
    super("unavailable", "AgentCare is temporarily unavailable; please try again shortly.");
  }
}

const holder = globalThis as typeof globalThis & { __agentcareRateLimitStore?: RateLimitStore };

/** The store in use: one per process (shared by every bundle), Redis when REDIS_URL is set. */
function currentStore(): RateLimitStore {
  if (holder.__agentcareRateLimitStore) return holder.__agentcareRateLimitStore;
  const redis = redisConnections();
  const { redisKeyPrefix, rateLimitWithoutRedis } = config();
  holder.__agentcareRateLimitStore = redis
    ? new RedisRateLimitStore(redis.commands, `${redisKeyPrefix}rate:`, rateLimitWithoutRedis)
    : new MemoryRateLimitStore();
  return holder.__agentcareRateLimitStore;
}

/** Swaps the store (tests). Returns the previous one. */
export function useRateLimitStore(next: RateLimitStore): RateLimitStore {
  const previous = currentStore();
  holder.__agentcareRateLimitStore = next;
  return previous;
}

/** Where a caller stands against one limit after this request. */
export type RateLimitState = { limit: number; remaining: number; resetAt: number };

/** A refused request, with the headers that tell the client when to come back. */
export class RateLimitExceededError extends RateLimitedError {
  constructor(
    readonly state: RateLimitState,
    message?: string,
  ) {
    super(message);
  }
}

/** Counts one request against `key`; refuses (429) beyond `limit` in the window. */
export async function consume(
  key: string,
  baseLimit: number,
  windowMs: number,
  now = Date.now(),
  message?: string,
): Promise<RateLimitState> {
  const limit = baseLimit * config().rateLimitScale;
  const { count, resetAt } = await currentStore().hit(key, windowMs, now);
  const state = { limit, remaining: Math.max(0, limit - count), resetAt };
  if (count > limit) throw new RateLimitExceededError(state, message);
  return state;
}

/**
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the window ends) and,
 * once nothing remains, `Retry-After`. Pure.
 */
export function rateLimitHeaders(state: RateLimitState, now = Date.now(), refused = false): Record<string, string> {
  const reset = String(Math.max(1, Math.ceil((state.resetAt - now) / 1000)));
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": reset,
    ...(refused ? { "retry-after": reset } : {}),
  };
}

/** The state nearer its limit, for the headers of a request counted against several. Pure. */
export function tighter(a: RateLimitState, b: RateLimitState | null): RateLimitState {
  if (!b) return a;
  return b.remaining < a.remaining || (b.remaining === a.remaining && b.limit < a.limit) ? b : a;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `/org/metro/api/v1/patients/6f1c…` with params `{id: "6f1c…"}` → `/api/v1/patients/[id]`.
 * Pure: the path-tenant prefix goes (the organization is part of the key already), every segment
 * is compared decoded (so `%70atients` is `patients`), empty segments go, and every segment that
 * is a route parameter becomes its name.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[]> = {}): string {
  const segments = pathname
    .split("/")
    .filter(Boolean)
    .map((segment) => ({ raw: segment, decoded: decodeSegment(segment) }));
  if (segments[0]?.decoded.toLowerCase() === "org" && segments[2]?.decoded === "api") segments.splice(0, 2);
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value]) byValue.set(part, name);
  }
  return `/${segments
    .map(({ raw, decoded }) => {
      const name = byValue.get(decoded) ?? byValue.get(raw);
      return name ? `[${name}]` : decoded;
    })
    .join("/")}`;
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

/**
 * One limit per (resolved organization id, route template, caller). The key is built only here,
 * from those three: never from the raw URL or host, so no spelling of an address (subdomain,
 * custom domain, `/org/{slug}` in any case or encoding, X-Organization-ID) buys a fresh allowance.
 */
export async function rateLimit({
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
}): Promise<RateLimitState> {
  const who = callerKey(caller, ip);
  const key = orgId ? tenantKey(orgId, "rate", route, who) : platformKey("rate", route, who);
  return consume(key, limit ?? DEFAULT_LIMITS[caller.kind], windowMs, Date.now(), message);
}

/**
 * An API key's own budget across every route, by the organization's plan (per minute). Null for
 * any other caller.
 */
export async function apiKeyBudget(caller: Caller, orgId: string, plan: OrganizationPlan): Promise<RateLimitState | null> {
  if (caller.kind !== "api_key") return null;
  return consume(
    tenantKey(orgId, "rate", "api-key", caller.keyId),
    apiRequestsPerMinute(plan),
    60_000,
    Date.now(),
    `This API key has made more than ${apiRequestsPerMinute(plan)} requests this minute (its plan's limit). Wait for Retry-After seconds.`,
  );
}
