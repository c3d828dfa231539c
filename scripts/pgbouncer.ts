// A throwaway PgBouncer in transaction pooling mode in front of a local PostgreSQL: its config and
// user list live in a temporary directory, it listens on 127.0.0.1 only, and stop() ends it and
// removes the directory. The pooled integration tests run through it; run this file directly to
// get one in the foreground (`node --import tsx scripts/pgbouncer.ts`, Ctrl-C stops it).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Server connections per database and user unless told otherwise: fewer than the app's pool, so clients share them. */
export const PGBOUNCER_POOL_SIZE = 4;

const SEARCH_PATH = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"];

/** The pgbouncer executable on PATH or in the usual Debian places, or undefined. */
export function findPgBouncer(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...SEARCH_PATH];
  for (const dir of dirs) {
    const candidate = path.join(dir, "pgbouncer");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export type PgBouncerOptions = {
  /** The PostgreSQL server to pool (only its host and port are used): every database on it is reachable. */
  upstream: string;
  /** The one login the pooler accepts, and the password it uses upstream when the server asks. */
  user: string;
  password?: string;
  /** Listening port; 0 (the default) picks a free one. */
  port?: number;
  /** Server connections per database and user (PGBOUNCER_POOL_SIZE). */
  poolSize?: number;
};

export type PgBouncer = {
  port: number;
  /** The same URL, pointed at the pooler instead of the server. */
  rewrite(url: string): string;
  stop(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function unprivilegedUser(): { name: string; uid: number; gid: number } {
  const entries = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .map((line) => line.split(":"));
  for (const name of ["postgres", "nobody"]) {
    const entry = entries.find((e) => e[0] === name);
    if (entry) return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error("PgBouncer will not run as root, and there is no postgres or nobody user to run it as.");
}

async function waitForPort(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-10).join("\n") : "";
  throw new Error(`PgBouncer did not start listening on 127.0.0.1:${port} (exit code ${child.exitCode ?? "none"}).\n${log}`);
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = findPgBouncer();
  if (!binary) throw new Error("PgBouncer is not installed (Debian: apt-get install -y pgbouncer).");
  const upstream = new URL(options.upstream);
  const port = options.port || (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcare-pgbouncer-"));
  const ini = path.join(dir, "pgbouncer.ini");
  const users = path.join(dir, "userlist.txt");
  const logFile = path.join(dir, "pgbouncer.log");
  fs.writeFileSync(users, `${quote(options.user)} ${quote(options.password ?? "")}\n`, { mode: 0o600 });
  fs.writeFileSync(
    ini,
    [
      "[databases]",
      // Any database name the client asks for, on the upstream server: the tests' scratch databases too.
      `* = host=${upstream.hostname || "127.0.0.1"} port=${upstream.port || "5432"}`,
      "",
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      "pool_mode = transaction",
      // Trust on the loopback address, as the local server does; only the user in auth_file may log in.
      "auth_type = trust",
      `auth_file = ${users}`,
      `default_pool_size = ${options.poolSize ?? PGBOUNCER_POOL_SIZE}`,
      "max_client_conn = 500",
      // A server connection goes back to the pool as is: nothing resets session state between
      // clients, so anything a transaction left behind on it would reach the next one.
      "server_reset_query =",
      "server_reset_query_always = 0",
      "server_check_delay = 0",
      `logfile = ${logFile}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      "log_connections = 0",
      "log_disconnections = 0",
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root: there it drops to an unprivileged user (-u), who gets the directory.
  const runAs = typeof process.getuid === "function" && process.getuid() === 0 ? unprivilegedUser() : undefined;
  if (runAs) for (const file of [dir, ini, users]) fs.chownSync(file, runAs.uid, runAs.gid);
  const child = spawn(binary, [...(runAs ? ["-u", runAs.name] : []), ini], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await waitForPort(port, child, logFile);
  } catch (err) {
    child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${stderr.trim()}`);
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A run that ends without calling stop() (interrupted, crashed) must not leave it listening.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  return {
    port,
    rewrite(url: string) {
      const target = new URL(url);
      target.hostname = "127.0.0.1";
      target.port = String(port);
      return target.toString();
    },
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const upstream = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const bouncer = await startPgBouncer({
    upstream,
    user: process.env.PGBOUNCER_USER ?? "agentcare_runtime",
    password: process.env.AGENTCARE_RUNTIME_PASSWORD,
    port: Number(process.env.PGBOUNCER_PORT ?? 6432),
  });
  console.log(`PgBouncer (transaction pooling) on 127.0.0.1:${bouncer.port} → ${new URL(upstream).host}; Ctrl-C stops it.`);
  const stop = () => {
    void bouncer.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
