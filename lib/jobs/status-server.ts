import "server-only";
import http from "node:http";
import { outboxStats } from "@/lib/notifications/outbox-repository";
import type { WorkerReport } from "./worker";

// A worker's own small HTTP endpoint, for load balancer probes and metrics scrapers:
//   GET /healthz  200 while passes complete on time, 503 otherwise
//   GET /status   the last pass's report and the outbox's depth (counts and ages only)

export type WorkerStatus = { lastPassAt: Date | null; lastReport: WorkerReport | null; startedAt: Date };

export function startStatusServer({ port, status, staleAfterMs }: { port: number; status: WorkerStatus; staleAfterMs: number }) {
  const server = http.createServer((req, res) => {
    const reply = (code: number, body: unknown) => {
      res.writeHead(code, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    const since = status.lastPassAt ?? status.startedAt;
    const healthy = Date.now() - since.getTime() <= staleAfterMs;
    if (req.method !== "GET") return reply(405, { error: "method not allowed" });
    if (req.url === "/healthz") return reply(healthy ? 200 : 503, { status: healthy ? "ok" : "stale", lastPassAt: status.lastPassAt });
    if (req.url === "/status") {
      outboxStats().then(
        (outbox) => reply(200, { status: healthy ? "ok" : "stale", lastPassAt: status.lastPassAt, lastPass: status.lastReport, outbox }),
        () => reply(503, { status: "database unavailable" }),
      );
      return;
    }
    reply(404, { error: "not found" });
  });
  server.listen(port);
  return server;
}
