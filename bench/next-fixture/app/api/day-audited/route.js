// The staff day list with the database work AgentCare's security rules require and nothing else:
// one transaction on the application's login role that takes the tenant role and ids
// (row-level security on every table), checks the member's access with AgentCare's own membership
// statement, runs the day list's SQL, and appends the read's audit row (who, which patients, which
// records, from where) before COMMIT. No session decoding, no rate limits, no request log, no
// pipeline: the difference between this route and AgentCare is the product's own code and
// framework use; the difference between this route and /api/day is the cost of isolation and
// audit themselves. The statements' texts come from the benchmark (BENCH_DAY_QUERY,
// BENCH_MEMBERSHIP_QUERY), captured from AgentCare's repositories.
import crypto from "node:crypto";
import postgres from "postgres";

export const dynamic = "force-dynamic";

const day = JSON.parse(process.env.BENCH_DAY_QUERY ?? "null");
const membership = JSON.parse(process.env.BENCH_MEMBERSHIP_QUERY ?? "null");
const orgId = process.env.BENCH_ORG_ID ?? "";
const userId = process.env.BENCH_USER_ID ?? "";
const sql = postgres(process.env.BENCH_APP_DATABASE_URL ?? "", {
  max: Number(process.env.BENCH_POOL_MAX ?? 10),
  onnotice: () => {},
});

// The columns AgentCare's read audit row fills (the database stamps the time and the seal columns).
const AUDIT_INSERT =
  'insert into "audit_logs" ("organization_id", "actor_type", "actor_user_id", "actor_role", "action", "resource_type", ' +
  '"resource_id", "patient_id", "patient_ids", "resource_ids", "outcome", "request_id", "ip", "user_agent", "metadata") ' +
  "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

export async function GET(request) {
  const requestId = crypto.randomUUID();
  const ip = request.headers.get("x-forwarded-for") ?? "127.0.0.1";
  const userAgent = request.headers.get("user-agent");
  let audit;
  const body = await sql.begin(async (tx) => {
    // The scope travels with the membership statement, as AgentCare sends them.
    const scope =
      tx`select set_config('role', ${"agentcare_app"}, true), set_config('app.current_tenant_id', ${orgId}, true), set_config('app.current_user_id', ${userId}, true)`.execute();
    const [access] = await tx.unsafe(membership.text, membership.params, { prepare: true });
    await scope;
    if (!access || access.status !== "active") return null;
    const rows = await tx.unsafe(day.text, day.params, { prepare: true });
    const patientIds = [...new Set(rows.map((r) => r.patient_id))];
    // Sent without waiting for its answer: COMMIT follows it on the same connection (one round
    // trip for both, as AgentCare sends a read's audit row), and turns into ROLLBACK if it failed.
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
          patientIds,
          rows.map((r) => r.id),
          "success",
          requestId,
          ip,
          userAgent,
          {},
        ],
        { prepare: true },
      )
      .execute();
    audit.catch(() => {});
    return `{"data":[${rows.map((r) => r.json).join(",")}]}`;
  });
  if (body === null) return Response.json({ error: "forbidden" }, { status: 403 });
  await audit; // no answer without its audit row
  return new Response(body, { headers: { "content-type": "application/json" } });
}
