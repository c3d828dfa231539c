// The staff day list's SQL, exactly as AgentCare's repository sends it (captured by the benchmark
// and passed in BENCH_DAY_QUERY), run with postgres.js as the database owner: no auth, no tenancy
// wrapper, no audit.
import postgres from "postgres";

export const dynamic = "force-dynamic";

const query = JSON.parse(process.env.BENCH_DAY_QUERY ?? "null");
const sql = postgres(process.env.BENCH_DATABASE_URL ?? "", { max: Number(process.env.BENCH_POOL_MAX ?? 10), onnotice: () => {} });

export async function GET() {
  const rows = await sql.unsafe(query.text, query.params, { prepare: true });
  return Response.json({ data: rows });
}
