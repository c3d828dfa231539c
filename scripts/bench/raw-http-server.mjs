// The raw baseline `npm run bench:http` measures AgentCare against: Node's http server and
// postgres.js as the database owner — no framework, no auth, no row-level security, no audit.
// GET /day runs the staff day list's SQL (BENCH_DAY_QUERY, with its explicit organization filter);
// GET /ping answers without a query. Usage: node scripts/bench/raw-http-server.mjs <port>
import http from "node:http";
import postgres from "postgres";

const port = Number(process.argv[2]);
const query = JSON.parse(process.env.BENCH_DAY_QUERY ?? "null");
const sql = postgres(process.env.BENCH_DATABASE_URL ?? "", { max: Number(process.env.BENCH_POOL_MAX ?? 10), onnotice: () => {} });

function send(res, status, body) {
  sendText(res, status, JSON.stringify(body));
}

function sendText(res, status, text) {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/ping") return send(res, 200, { status: "ok" });
  if (path === "/day") {
    sql
      .unsafe(query.text, query.params, { prepare: true })
      // Rows that come with their JSON text (a `json` column) are answered as those texts, as
      // AgentCare answers them; other rows are serialized.
      .then((rows) =>
        rows.length && typeof rows[0].json === "string"
          ? sendText(res, 200, `{"data":[${rows.map((r) => r.json).join(",")}]}`)
          : send(res, 200, { data: rows }),
      )
      .catch(() => send(res, 500, { error: "query failed" }));
    return;
  }
  send(res, 404, { error: "not found" });
});
server.listen(port, "127.0.0.1", () => console.log(`raw baseline ready on ${port}`));
const stop = () => server.close(() => sql.end({ timeout: 2 }).then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
