// The production HTTP server: Next.js's request handler behind Node's http server, so the client
// address comes from the socket. Without TRUST_PROXY_HEADERS=true a client-sent X-Forwarded-For
// is replaced by the socket address; with it, the socket address is appended, as proxies do.
// Usage: node scripts/server.mjs <port> [host]
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import next from "next";
import { addressProblem } from "./request-address.mjs";
import { lightenAsyncContext } from "./async-context.mjs";

lightenAsyncContext();

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const hostname = process.argv[3] ?? process.env.HOST;
// Next's own view of its address stays localhost whatever interface the server listens on: it
// compares a middleware rewrite's origin with it, and the tenant rewrites carry the origin Next
// gave the middleware (localhost). Any other name here makes every tenant page an "external"
// rewrite that Next proxies over HTTP back to this server: two requests for one.
const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
const handle = app.getRequestHandler();
const trustProxy = process.env.TRUST_PROXY_HEADERS === "true";

await app.prepare();
// REST, FHIR and the health check go straight to their route handlers (lib/http/direct-api.ts);
// anonymous visits to a tenant's home page are served from copies of its render while what it was
// rendered from is current (lib/pipeline/page-cache.ts). instrumentation.ts offers both once Next
// has registered it, which in production happens around the first requests rather than in
// prepare(): until then (and for anything they decline) every request is Next's.
let direct;
let pages;
const offered = () => {
  if (direct === undefined && globalThis.__agentcareCreateDirectApi) {
    direct = globalThis.__agentcareCreateDirectApi({ distDir: path.join(process.cwd(), ".next"), load: createRequire(import.meta.url) });
  }
  if (pages === undefined && globalThis.__agentcareCreatePageCache) pages = globalThis.__agentcareCreatePageCache();
};
const page = (req, res) => {
  if (!pages) return void handle(req, res);
  pages
    .handle(req, res, () => handle(req, res))
    .catch((err) => {
      console.error("page cache failed:", err?.name ?? "error");
      if (!res.headersSent) void handle(req, res);
      else res.destroy();
    });
};
const server = http.createServer((req, res) => {
  const problem = addressProblem(req.rawHeaders, req.url, req.headers.host);
  if (problem) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
    res.end(`Bad request: ${problem}.\n`);
    return;
  }
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  const claimed = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = trustProxy && claimed ? `${claimed}, ${peer}` : peer;
  if (!trustProxy) {
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-port"];
  }
  // A page's time, from the first byte in to the last byte out, for the app's metrics (it noted
  // the page's route under the request id it answers with; lib/observability/metrics.ts).
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    globalThis.__agentcareObserveResponse?.({
      requestId: res.getHeader("x-request-id"),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    });
  });
  // While stopping, a response ends its connection, so the client's next request goes elsewhere.
  if (stopping) res.setHeader("connection", "close");
  offered();
  if (!direct) return page(req, res);
  direct.handle(req, res).then(
    (served) => {
      if (!served) page(req, res);
    },
    (err) => {
      console.error("direct API path failed:", err?.name ?? "error");
      if (!res.headersSent) page(req, res);
      else res.destroy();
    },
  );
});
server.listen(port, hostname, () => {
  console.log(` ✓ Ready on http://${hostname ?? "localhost"}:${port}`);
});
// Graceful stop (SIGTERM from an orchestrator, SIGINT from a terminal): stop accepting connections,
// let the requests in flight finish and answer, then exit. Idle keep-alive connections are closed
// at once and busy ones as soon as their response is sent, so a load balancer sends nothing more
// here; whatever is still running after SHUTDOWN_GRACE_SECONDS is cut off.
const graceMs = 1000 * Number(process.env.SHUTDOWN_GRACE_SECONDS || 20);
let stopping = false;
// Counts kept in memory (resource usage, security alert tallies) are written before exiting; the
// app registers them on globalThis (lib/observability/before-exit.ts). At most 5 s.
const finish = async (code) => {
  const tasks = [...(globalThis.__agentcareBeforeExit?.values() ?? [])];
  await Promise.race([Promise.allSettled(tasks.map((task) => task())), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  process.exit(code);
};
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log(" ✓ Stopping: finishing the requests in flight");
  server.close(() => void finish(0));
  server.closeIdleConnections();
  // A busy keep-alive connection turns idle once its response is out: close it then.
  setInterval(() => server.closeIdleConnections(), 100).unref();
  setTimeout(() => {
    console.log(" ✗ Requests still running after the grace period: exiting anyway");
    process.exit(1);
  }, graceMs).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
