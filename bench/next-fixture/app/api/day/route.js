// The staff day list's SQL, exactly as AgentCare's repository sends it (captured by the benchmark
// and passed in BENCH_DAY_QUERY), run with postgres.js as the database owner: no auth, no tenancy
// wrapper, no audit. Rows that come with their JSON text (a `json` column) are answered as those
// texts, as AgentCare answers them; other rows are serialized.
import postgres from "postgres";

export const dynamic = "force-dynamic";

const query = JSON.parse(process.env.BENCH_DAY_QUERY ?? "null");
const sql = postgres(process.env.BENCH_DATABASE_URL ?? "", { max: Number(process.env.BENCH_POOL_MAX ?? 10), onnotice: () => {} });

export async function GET() {
  const rows = await sql.unsafe(query.text, query.params, { prepare: true });
  if (rows.length && typeof rows[0].json === "string") {
    return new Response(`{"data":[${rows.map((r) => r.json).join(",")}]}`, { headers: { "content-type": "application/json" } });
  }
  return Response.json({ data: rows });
}
