import "server-only";
import { Redis, type RedisOptions } from "ioredis";
import { config } from "@/lib/config/env";
import { logger } from "@/lib/observability/logger";

// The Redis connections of this process, when REDIS_URL is set: one for commands (rate limits) and
// one subscribed to the invalidation channel (a subscribed connection can do nothing else). Both
// reconnect on their own, forever, backing off to 2 s; while one is down its commands fail at once
// instead of queueing, so a request never waits on an unreachable Redis.

type Connections = { commands: Redis; subscriber: Redis; url: string; prefix: string };

const holder = globalThis as typeof globalThis & { __agentcareRedis?: Connections };

/** Connection options shared by every client: fail fast while disconnected, reconnect forever. */
export function redisOptions(name: string): RedisOptions {
  return {
    connectionName: `agentcare-${name}`,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
  };
}

/** Logs connection trouble once per outage (not once per retry) and the recovery. */
export function watchConnection(client: Redis, name: string): void {
  let down = false;
  client.on("error", (err: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger.warn({ redis: name, code: err.code ?? err.name }, "redis unreachable; serving without shared state until it is back");
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info({ redis: name }, "redis reachable again");
  });
}

/** This process's Redis connections, or null when REDIS_URL is not set. */
export function redisConnections(): Connections | null {
  const { redisUrl, redisKeyPrefix } = config();
  if (!redisUrl) return null;
  const existing = holder.__agentcareRedis;
  if (existing && existing.url === redisUrl && existing.prefix === redisKeyPrefix) return existing;
  if (existing) closeConnections(existing);
  const commands = new Redis(redisUrl, redisOptions("commands"));
  const subscriber = new Redis(redisUrl, { ...redisOptions("subscriber"), commandTimeout: undefined });
  watchConnection(commands, "commands");
  watchConnection(subscriber, "subscriber");
  holder.__agentcareRedis = { commands, subscriber, url: redisUrl, prefix: redisKeyPrefix };
  return holder.__agentcareRedis;
}

function closeConnections(connections: Connections): void {
  connections.commands.disconnect();
  connections.subscriber.disconnect();
}

/** Closes this process's connections (shutdown, tests). */
export async function closeRedis(): Promise<void> {
  const existing = holder.__agentcareRedis;
  holder.__agentcareRedis = undefined;
  if (!existing) return;
  await Promise.allSettled([existing.commands.quit(), existing.subscriber.quit()]);
  closeConnections(existing);
}

/** Deletes every key under a prefix (a test run's or a finished cluster's), in batches. */
export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
