import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config } from "@/lib/config/env";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "middleware.ts",
  "instrumentation.ts",
  "next.config.js",
  "package.json",
  "postcss.config.mjs",
];

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds when there is no production build, or when a source file is newer than it. */
export function ensureBuild(): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  // A second server beside a running one must never rebuild under it.
  if (built && process.env.AGENTCARE_BUILD === "if-missing") return;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built && built >= newest) return;
  console.log(built ? "Sources changed since the last build: building…" : "No production build yet: building…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

/**
 * Node's options for the production server: its heap ceiling (SERVER_HEAP_MB) and V8's helper
 * threads (SERVER_V8_THREADS, else sized to the machine's cores), each unless NODE_OPTIONS already
 * names it.
 */
export function serverNodeOptions(): string[] {
  const { serverHeapMb, serverV8Threads } = config();
  return nodeOptionsFor({
    heapMb: serverHeapMb,
    v8Threads: serverV8Threads,
    cores: os.availableParallelism(),
    given: process.env.NODE_OPTIONS ?? "",
  });
}

/**
 * Pure: the options for a heap ceiling (0: none) and a number of V8 helper threads (null: one
 * fewer than the cores, from one to four; 0: V8's default), leaving out what `given` names.
 */
export function nodeOptionsFor({
  heapMb,
  v8Threads,
  cores,
  given,
}: {
  heapMb: number;
  v8Threads: number | null;
  cores: number;
  given: string;
}): string[] {
  const options: string[] = [];
  if (heapMb && !/--max-old-space-size/.test(given)) options.push(`--max-old-space-size=${heapMb}`);
  const threads = v8Threads ?? Math.min(4, Math.max(1, cores - 1));
  if (threads && !/--v8-pool-size/.test(given)) options.push(`--v8-pool-size=${threads}`);
  return options;
}

export function startNext({
  port,
  dev = false,
  env,
  logFile,
}: {
  port: number;
  dev?: boolean;
  env: Record<string, string | undefined>;
  /** Also write everything the server prints (stdout and stderr) to this file, e.g. for a test run's log scan. */
  logFile?: string;
}): ChildProcess {
  // Production runs scripts/server.mjs (Next's handler behind a plain http server that sets the
  // client address from the socket); development runs `next dev`.
  const args = dev
    ? [NEXT_BIN, "dev", "-p", String(port)]
    : [...serverNodeOptions(), path.join(ROOT, "scripts", "server.mjs"), String(port)];
  if (process.env.HOST) args.push(...(dev ? ["-H", process.env.HOST] : [process.env.HOST]));
  const child = spawn(process.execPath, args, {
    stdio: logFile ? ["inherit", "pipe", "pipe"] : "inherit",
    env: { ...process.env, ...env, NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (logFile) {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const file = fs.createWriteStream(logFile, { flags: "w" });
    // Whole lines into the file, so a line from stdout and one from stderr never interleave.
    const tee = (from: NodeJS.ReadableStream | null, to: NodeJS.WriteStream) => {
      let partial = "";
      from?.setEncoding("utf8");
      from?.on("data", (chunk: string) => {
        to.write(chunk);
        const lines = (partial + chunk).split("\n");
        partial = lines.pop()!;
        if (lines.length) file.write(`${lines.join("\n")}\n`);
      });
      from?.on("end", () => {
        if (partial) file.write(`${partial}\n`);
        partial = "";
      });
    };
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on("close", () => file.end());
  }
  return child;
}

/** Stops the child and runs cleanup on Ctrl-C, SIGTERM, or when the server exits by itself. */
export function superviseChild(child: ChildProcess, cleanup: () => Promise<void>): void {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    try {
      await cleanup();
    } finally {
      process.exit(code);
    }
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 0));
}
