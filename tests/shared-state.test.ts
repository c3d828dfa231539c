// State shared by several app instances through a real Redis: rate-limit windows counted once for
// all instances, cache invalidations heard by every instance, and what happens while Redis is gone.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadConfig } from "@/lib/config/env";
import { cached, invalidate, invalidatePrefix, QUIET_MS } from "@/lib/cache/memory";
import { closeRedis, deleteKeysWithPrefix, redisConnections } from "@/lib/cache/redis";
import { MemoryRateLimitStore, RateLimitStoreUnavailableError, RedisRateLimitStore } from "@/lib/pipeline/rate-limit";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `agentcare-test-${process.pid}-${crypto.randomBytes(4).toString("hex")}:`;
// Nothing listens here: a Redis that is down.
const DOWN_URL = "redis://127.0.0.1:1";

const clients: Redis[] = [];
function client(url = REDIS_URL): Redis {
  const c = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, retryStrategy: () => 200 });
  c.on("error", () => {});
  clients.push(c);
  return c;
}

async function ready(c: Redis): Promise<void> {
  if (c.status === "ready") return;
  await new Promise<void>((resolve) => c.once("ready", () => resolve()));
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const saved = { url: process.env.REDIS_URL, prefix: process.env.REDIS_KEY_PREFIX };

beforeAll(async () => {
  process.env.REDIS_URL = REDIS_URL;
  process.env.REDIS_KEY_PREFIX = PREFIX;
  reloadConfig();
  await ready(client());
});

afterAll(async () => {
  await deleteKeysWithPrefix(clients[0]!, PREFIX);
  await closeRedis();
  for (const c of clients) c.disconnect();
  for (const [name, value] of [
    ["REDIS_URL", saved.url],
    ["REDIS_KEY_PREFIX", saved.prefix],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadConfig();
});

describe("rate limits shared through Redis", () => {
  it("counts one window across instances: requests through A and B add up, and the window ends for both", async () => {
    const a = new RedisRateLimitStore(await readyClient(), `${PREFIX}rate:`, "local");
    const b = new RedisRateLimitStore(await readyClient(), `${PREFIX}rate:`, "local");
    const key = `tenant:${crypto.randomUUID()}:rate:/api/v1/patients:user:x`;
    const now = Date.now();
    const counts = [];
    for (const store of [a, b, a, b, b]) counts.push((await store.hit(key, 60_000, now)).count);
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    const { resetAt } = await a.hit(key, 60_000, now);
    expect(resetAt).toBeGreaterThan(now + 55_000);
    expect(resetAt).toBeLessThanOrEqual(now + 60_000);

    const short = `tenant:${crypto.randomUUID()}:rate:/x:ip:1`;
    expect((await a.hit(short, 1_000, Date.now())).count).toBe(1);
    expect((await b.hit(short, 1_000, Date.now())).count).toBe(2);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await b.hit(short, 1_000, Date.now())).count).toBe(1);
  });

  it("keeps other keys and other prefixes apart", async () => {
    const store = new RedisRateLimitStore(await readyClient(), `${PREFIX}rate:`, "local");
    const other = new RedisRateLimitStore(await readyClient(), `${PREFIX}other-deployment:`, "local");
    const key = `tenant:${crypto.randomUUID()}:rate:/r:user:u`;
    await store.hit(key, 60_000, Date.now());
    await store.hit(key, 60_000, Date.now());
    expect((await other.hit(key, 60_000, Date.now())).count).toBe(1);
    expect((await store.hit(`${key}2`, 60_000, Date.now())).count).toBe(1);
  });

  it("without Redis counts in this process (local) or refuses (refuse), and counts in Redis again once it is back", async () => {
    const down = client(DOWN_URL);
    const local = new RedisRateLimitStore(down, `${PREFIX}rate:`, "local", new MemoryRateLimitStore());
    const key = `tenant:${crypto.randomUUID()}:rate:/r:user:u`;
    expect((await local.hit(key, 60_000, Date.now())).count).toBe(1);
    expect((await local.hit(key, 60_000, Date.now())).count).toBe(2);
    const refusing = new RedisRateLimitStore(down, `${PREFIX}rate:`, "refuse");
    await expect(refusing.hit(key, 60_000, Date.now())).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
    // Nothing was written to the real Redis meanwhile.
    const up = new RedisRateLimitStore(await readyClient(), `${PREFIX}rate:`, "refuse");
    expect((await up.hit(key, 60_000, Date.now())).count).toBe(1);
  });
});

describe("cache invalidation heard by every instance", () => {
  const channel = `${PREFIX}cache-invalidate`;

  it("drops an entry when another instance publishes its invalidation", async () => {
    const key = `platform:org-by-slug:${crypto.randomUUID()}`;
    let loads = 0;
    const load = async () => `value-${++loads}`;
    await cached(key, 60_000, load); // subscribes this process
    await until(() => subscribed());
    await new Promise((r) => setTimeout(r, QUIET_MS + 50));
    expect(await cached(key, 60_000, load)).toBe(`value-${loads}`);
    const before = loads;
    expect(await cached(key, 60_000, load)).toBe(`value-${before}`); // a hit: no load

    const other = await readyClient();
    await other.publish(channel, JSON.stringify({ key }));
    await until(async () => (await cached(key, 60_000, load)) !== `value-${before}`);
    expect(loads).toBe(before + 1);
  });

  it("publishes this instance's invalidations (keys and prefixes) for the others", async () => {
    const listener = client();
    await ready(listener);
    const heard: unknown[] = [];
    listener.on("message", (_c: string, text: string) => heard.push(JSON.parse(text)));
    await listener.subscribe(channel);
    const key = `platform:user-session:${crypto.randomUUID()}:${crypto.randomUUID()}`;
    await invalidate(key);
    await invalidatePrefix("platform:org-");
    await until(() => heard.length >= 2);
    expect(heard).toEqual([{ key }, { prefix: "platform:org-" }]);
  });

  it("does not store a load that an invalidation overtook, nor re-cache an invalidated key for a while", async () => {
    const key = `platform:org-by-id:${crypto.randomUUID()}`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = cached(key, 60_000, async () => {
      await gate;
      return "old";
    });
    await invalidate(key); // the row changed while the slow read was on its way
    release();
    expect(await slow).toBe("old"); // that request gets what it read…
    expect(await cached(key, 60_000, async () => "new")).toBe("new"); // …but nobody after it
    // Within the quiet time after an invalidation nothing is cached for that key.
    expect(await cached(key, 60_000, async () => "newer")).toBe("newer");
    await new Promise((r) => setTimeout(r, QUIET_MS + 50));
    expect(await cached(key, 60_000, async () => "cached")).toBe("cached");
    expect(await cached(key, 60_000, async () => "not loaded")).toBe("cached");
  });

  it("drops everything cached when its subscription comes back (messages may have been missed)", async () => {
    const key = `platform:org-by-slug:${crypto.randomUUID()}`;
    await until(() => subscribed());
    expect(await cached(key, 60_000, async () => "before")).toBe("before");
    expect(await cached(key, 60_000, async () => "not loaded")).toBe("before");
    redisConnections()!.subscriber.disconnect(true); // drops the connection; ioredis reconnects
    await until(() => redisConnections()!.subscriber.status !== "ready");
    await until(() => subscribed(), 5_000);
    await until(async () => (await cached(key, 60_000, async () => "after")) === "after");
  });
});

async function readyClient(): Promise<Redis> {
  const c = client();
  await ready(c);
  return c;
}

function subscribed(): boolean {
  return (globalThis as { __agentcareCache?: { listening: boolean } }).__agentcareCache?.listening === true;
}
