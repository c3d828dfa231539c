// Two production servers on one database and one Redis, behind nginx (round-robin), for the
// end-to-end suite that proves the instances share what they must: a fresh seeded database, the
// production build, instance A on CLUSTER_PORT+1 and B on CLUSTER_PORT+2, nginx on CLUSTER_PORT.
// Writes the ports and process ids to test-results/cluster-<port>.json so the suite can stop one
// instance; stops everything, drops the database and removes its Redis keys on SIGTERM/SIGINT.
// Needs nginx (Debian's package; .ci/run installs it) and a Redis (REDIS_URL, default 127.0.0.1:6379).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { closeDb } from "@/lib/db/client";
import { createScratchDatabase } from "@/lib/db/test-database";
import { seedDemo } from "@/lib/demo/seed";
import { reloadConfig } from "@/lib/config/env";
import { deleteKeysWithPrefix } from "@/lib/cache/redis";
import { scriptFailure } from "@/lib/observability/safe-error";
import { ensureAuthSecret } from "./auth-secret";
import { demoPassword } from "./demo-config";
import { clusterFactsFile, e2eServerLogFile, type ClusterFacts } from "./e2e-logs";
import { ensureBuild, startNext } from "./serve";

function nginxBinary(): string {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (fs.existsSync(candidate)) return candidate;
  const found = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("nginx is not installed (apt-get install -y nginx-light)");
  return found;
}

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  const temp = (name: string) => path.join(dir, name);
  return `
worker_processes 1;
daemon off;
pid ${temp("nginx.pid")};
error_log ${temp("error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  upstream agentcare {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 5m;
    location / {
      proxy_pass http://agentcare;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      # The client's address replaces whatever the client claimed.
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # A refused connection (an instance that stopped) is retried on the other one, never a 502.
      proxy_next_upstream error timeout;
      proxy_read_timeout 120s;
      # Which instance answered, for the suite.
      add_header X-Served-By $upstream_addr always;
    }
  }
}
`;
}

async function removeRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await deleteKeysWithPrefix(redis, prefix);
  } catch {
    // Nothing to remove when Redis is gone; the keys expire with their windows anyway.
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const port = Number(process.env.CLUSTER_PORT ?? 3215);
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `agentcare-e2e-cluster-${port}-${crypto.randomBytes(3).toString("hex")}:`;
  // Root "localhost": browsers share no cookie across its subdomains, so moving between the
  // platform and an organization takes a single-use hand-off, which the suite redeems on the other
  // instance. Chromium resolves *.localhost to the loopback address by itself.
  const rootDomain = `localhost:${port}`;
  ensureAuthSecret({ persist: false });
  process.env.PLATFORM_ADMIN_TOKEN ??= "e2e-platform-operator-token-0123456789";
  const db = await createScratchDatabase("agentcare_e2e_cluster");
  if (db.embedded) throw new Error("the cluster suite needs a real PostgreSQL (DATABASE_URL): two servers share it");
  process.env.DATABASE_URL = db.appUrl;
  process.env.DATABASE_SESSION_ROLE = "none";
  reloadConfig();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcare-cluster-"));
  const children: ChildProcess[] = [];
  let stopping = false;
  const cleanup = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1_000));
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await removeRedisKeys(redisUrl, prefix);
    await db.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on("SIGINT", () => void cleanup(0));
  process.on("SIGTERM", () => void cleanup(0));

  try {
    await seedDemo({ password: demoPassword(), rootDomain: rootDomain.split(":")[0]! });
    await closeDb();
    ensureBuild();
  } catch (err) {
    await db.drop();
    throw err;
  }

  const env = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? "debug",
    DATABASE_URL: db.appUrl,
    DATABASE_SESSION_ROLE: "none",
    DATABASE_POOL_MAX: "5",
    ROOT_DOMAIN: rootDomain,
    PLATFORM_ADMIN_TOKEN: process.env.PLATFORM_ADMIN_TOKEN,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    // nginx sets X-Forwarded-For to the client's address; one proxy hop is trusted.
    TRUST_PROXY_HEADERS: "true",
    TRUSTED_PROXY_HOPS: "1",
    SHUTDOWN_GRACE_SECONDS: "20",
  };
  const instances = (["a", "b"] as const).map((name, i) => {
    const child = startNext({ port: port + 1 + i, logFile: e2eServerLogFile(port + 1 + i), env });
    children.push(child);
    return { name, port: port + 1 + i, pid: child.pid!, child };
  });
  // Instance A leaving on its own ends the cluster; B is stopped by the suite on purpose.
  instances[0]!.child.on("exit", (code) => void cleanup(code ?? 1));

  fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, port, [port + 1, port + 2]));
  const nginx = spawn(nginxBinary(), ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    stdio: "inherit",
  });
  children.push(nginx);
  nginx.on("exit", (code) => {
    if (!stopping) console.error(`nginx exited (${code}); see ${path.join(dir, "error.log")}`);
    void cleanup(code ?? 1);
  });

  const facts: ClusterFacts = {
    balancer: port,
    instances: instances.map(({ name, port: p, pid }) => ({ name, port: p, pid })),
    rootDomain,
    redisKeyPrefix: prefix,
    database: new URL(db.adminUrl).pathname.slice(1),
  };
  fs.mkdirSync(path.dirname(clusterFactsFile(port)), { recursive: true });
  fs.writeFileSync(clusterFactsFile(port), JSON.stringify(facts));
}

main().catch((err) => {
  console.error("cluster failed:", scriptFailure(err));
  process.exit(1);
});
