import "server-only";
import { LRUCache } from "lru-cache";
import { config } from "@/lib/config/env";
import { logger } from "@/lib/observability/logger";
import { redisConnections } from "./redis";

// Process-local cache. Keys come only from tenantKey()/platformKey() (lib/cache/keys.ts).
// One store per process: Next bundles server actions and route handlers separately, and each
// bundle would otherwise get its own copy of this module (and miss the others' invalidations).
//
// With REDIS_URL set, several instances share one database: every invalidation is also published
// on a Redis channel and every instance drops the same entries when it hears it. Three rules keep a
// stale entry from surviving that:
// - a load that was in flight when any invalidation arrived is returned but not stored;
// - an invalidated key is not stored again for QUIET_MS, so a reader on another instance cannot
//   re-cache the old row while the writer's transaction is still committing;
// - while the subscription is down (messages may be missed) entries live at most OUTAGE_TTL_MS, and
//   when it comes back everything cached is dropped.
// Without REDIS_URL this process is the only one and the store is all there is.

/** After an invalidation, how long its keys are served from the database without being cached. */
export const QUIET_MS = 2_000;
/** Longest life of an entry while the invalidation channel is down. */
export const OUTAGE_TTL_MS = 1_000;

type Message = { key: string } | { prefix: string };

type State = {
  store: LRUCache<string, { value: unknown }>;
  /** Bumped by every invalidation heard or made: a load that saw it change is not stored. */
  epoch: number;
  /** Recently invalidated keys (exact) and prefixes, with the time until which they stay uncached. */
  quiet: { match: Message; until: number }[];
  /** The channel this process listens on, once subscribed. */
  channel: string | null;
  /** Whether the subscription is live now (messages are heard). */
  listening: boolean;
};

const holder = globalThis as unknown as { __agentcareCache?: State };
const state: State = (holder.__agentcareCache ??= {
  store: new LRUCache<string, { value: unknown }>({ max: 5000, ttl: 60_000 }),
  epoch: 0,
  quiet: [],
  channel: null,
  listening: false,
});

function channelName(): string {
  return `${config().redisKeyPrefix}cache-invalidate`;
}

/** Subscribes this process to the invalidation channel once (when REDIS_URL is set). */
function listen(): void {
  if (state.channel) return;
  const redis = redisConnections();
  if (!redis) return;
  const channel = channelName();
  state.channel = channel;
  const { subscriber } = redis;
  subscriber.on("message", (from: string, text: string) => {
    if (from !== channel) return;
    try {
      apply(JSON.parse(text) as Message);
    } catch {
      // Not one of ours: the channel is named by our prefix; ignore what cannot be read.
    }
  });
  const subscribe = () => {
    subscriber.subscribe(channel).then(
      () => {
        // Subscribed (again): whatever was published before was missed, so nothing cached is trusted.
        if (!state.listening) forgetEverything();
        state.listening = true;
      },
      () => {
        // Reported by the connection's own error log; tried again when it reconnects.
      },
    );
  };
  subscriber.on("ready", subscribe);
  subscriber.on("close", () => {
    state.listening = false;
  });
  if (subscriber.status === "ready") subscribe();
}

function forgetEverything(): void {
  state.epoch += 1;
  state.store.clear();
}

function matches(match: Message, key: string): boolean {
  return "key" in match ? match.key === key : key.startsWith(match.prefix);
}

function isQuiet(key: string, now: number): boolean {
  if (state.quiet.length === 0) return false;
  state.quiet = state.quiet.filter((q) => q.until > now);
  return state.quiet.some((q) => matches(q.match, key));
}

/** Drops what a message names, here. */
function apply(message: Message): void {
  state.epoch += 1;
  state.quiet.push({ match: message, until: Date.now() + QUIET_MS });
  if ("key" in message) state.store.delete(message.key);
  else for (const key of state.store.keys()) if (key.startsWith(message.prefix)) state.store.delete(key);
}

/** Drops it here and tells the other instances; resolves once Redis has taken the message. */
async function broadcast(message: Message): Promise<void> {
  apply(message);
  const redis = redisConnections();
  if (!redis) return;
  listen();
  try {
    await redis.commands.publish(channelName(), JSON.stringify(message));
  } catch (err) {
    // The other instances cannot hear it now: they drop everything when their subscription returns,
    // and until then keep entries at most OUTAGE_TTL_MS (their subscription is down too).
    logger.warn({ code: (err as { code?: string }).code ?? (err as Error).name }, "cache invalidation not published");
  }
}

export async function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  listen();
  const hit = state.store.get(key);
  if (hit) return hit.value as T;
  const epoch = state.epoch;
  const value = await load();
  if (state.epoch === epoch && !isQuiet(key, Date.now())) {
    const ttl = state.channel && !state.listening ? Math.min(ttlMs, OUTAGE_TTL_MS) : ttlMs;
    state.store.set(key, { value }, { ttl });
  }
  return value;
}

/** Drops one entry on every instance. Await it where the next request must see the change anywhere. */
export function invalidate(key: string): Promise<void> {
  return broadcast({ key });
}

/** Drops every entry whose key starts with the prefix, on every instance. */
export function invalidatePrefix(prefix: string): Promise<void> {
  return broadcast({ prefix });
}
