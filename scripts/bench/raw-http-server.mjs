// The raw baseline `npm run bench:http` measures AgentCare against: Node's http server and
// postgres.js as the database owner — no framework, no auth, no row-level security, no audit.
// GET /day runs the staff day list's SQL (BENCH_DAY_QUERY, with its explicit organization filter);
// GET /day-audited runs it with the database work AgentCare's rules require and nothing else, as
// the minimal Next app's audited route does: one transaction on the application's login role that
// takes the tenant role and ids (row-level security), runs AgentCare's membership statement
// (BENCH_MEMBERSHIP_QUERY), the day list and the read's audit row before COMMIT. Against the Next
// app's audited route it shows what the framework adds to that work; against AgentCare, what
// AgentCare's own code adds. GET /ping answers without a query.
// Usage: node scripts/bench/raw-http-server.mjs <port>
import crypto from "node:crypto";
import http from "node:http";
import postgres from "postgres";

const port = Number(process.argv[2]);
const pool = Number(process.env.BENCH_POOL_MAX ?? 10);
const query = JSON.parse(process.env.BENCH_DAY_QUERY ?? "null");
const membership = JSON.parse(process.env.BENCH_MEMBERSHIP_QUERY ?? "null");
const orgId = process.env.BENCH_ORG_ID ?? "";
const userId = process.env.BENCH_USER_ID ?? "";
const sql = postgres(process.env.BENCH_DATABASE_URL ?? "", { max: pool, onnotice: () => {} });
const appSql = process.env.BENCH_APP_DATABASE_URL ? postgres(process.env.BENCH_APP_DATABASE_URL, { max: pool, onnotice: () => {} }) : null;

// The columns AgentCare's read audit row fills (the database stamps the time and the seal columns).
const AUDIT_INSERT =
  'insert into "audit_logs" ("organization_id", "actor_type", "actor_user_id", "actor_role", "action", "resource_type", ' +
  '"resource_id", "patient_id", "patient_ids", "resource_ids", "outcome", "request_id", "ip", "user_agent", "metadata") ' +
  "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

/** The day list's JSON text with its audit row committed, or null when the member has no access. */
async function auditedDay(req) {
  const requestId = crypto.randomUUID();
  let audit;
  const body = await appSql.begin(async (tx) => {
    // The scope travels with the membership statement, as AgentCare sends them.
    const scope =
      tx`select set_config('role', ${"agentcare_app"}, true), set_config('app.current_tenant_id', ${orgId}, true), set_config('app.current_user_id', ${userId}, true)`.execute();
    const [access] = await tx.unsafe(membership.text, membership.params, { prepare: true });
    await scope;
    if (!access || access.status !== "active") return null;
    const rows = await tx.unsafe(query.text, query.params, { prepare: true });
    // Sent without waiting for its answer: COMMIT follows it, and turns into ROLLBACK if it failed.
    audit = tx
      .unsafe(
        AUDIT_INSERT,
        [
          orgId,
          "user",
          userId,
          access.role,
          "view",
          "appointment",
          null,
          null,
          [...new Set(rows.map((r) => r.patient_id))],
          rows.map((r) => r.id),
          "success",
          requestId,
          req.headers["x-forwarded-for"] ?? req.socket.remoteAddress ?? null,
          req.headers["user-agent"] ?? null,
          {},
        ],
        { prepare: true },
      )
      .execute();
    audit.catch(() => {});
    return `{"data":[${rows.map((r) => r.json).join(",")}]}`;
  });
  if (body !== null) await audit; // no answer without its audit row
  return body;
}

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
  if (path === "/day-audited" && appSql) {
    auditedDay(req)
      .then((body) => (body === null ? send(res, 403, { error: "forbidden" }) : sendText(res, 200, body)))
      .catch(() => send(res, 500, { error: "query failed" }));
    return;
  }
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
const stop = () => server.close(() => Promise.all([sql.end({ timeout: 2 }), appSql?.end({ timeout: 2 })]).then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
