// The production HTTP server: Next.js's request handler behind Node's http server, so the client
// address comes from the socket. Without TRUST_PROXY_HEADERS=true a client-sent X-Forwarded-For
// is replaced by the socket address; with it, the socket address is appended, as proxies do.
// Usage: node scripts/server.mjs <port> [host]
import http from "node:http";
import next from "next";
import { addressProblem } from "./request-address.mjs";

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
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(` ✓ Ready on http://${hostname ?? "localhost"}:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
