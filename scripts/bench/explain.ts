import { sql, type SQL } from "drizzle-orm";
import type postgres from "postgres";

export type CapturedQuery = { text: string; params: unknown[] };

/** A drizzle logger that keeps the last statement: the exact SQL a repository method sends. */
export function queryRecorder() {
  const seen: CapturedQuery[] = [];
  return {
    logger: { logQuery: (text: string, params: unknown[]) => void seen.push({ text, params }) },
    take(): CapturedQuery {
      const last = seen.at(-1);
      if (!last) throw new Error("no query was captured");
      seen.length = 0;
      return last;
    },
  };
}

/** Rebuilds a captured `$n` statement as a drizzle SQL object (values stay bound parameters). */
export function explainSql(query: CapturedQuery, options = "analyze, buffers, costs off"): SQL {
  const parts = query.text.split(/\$(\d+)/);
  const chunks = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${query.params[Number(part) - 1]}`));
  return sql.join([sql.raw(`explain (${options}) `), ...chunks]);
}

export type IndexUse = { index: string; leadingColumn: string; definition: string };

/** Every index a plan reads, with its leading column (from the catalog, not from the name). */
export async function indexesInPlan(owner: postgres.Sql, planLines: string[]): Promise<IndexUse[]> {
  const names = new Set<string>();
  for (const line of planLines) {
    const m = /(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/.exec(line);
    if (m) names.add(m[1]!);
  }
  const out: IndexUse[] = [];
  for (const name of names) {
    const [row] = await owner<{ leading: string; def: string }[]>`
      select a.attname as leading, pg_get_indexdef(i.indexrelid) as def
        from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
       where i.indexrelid = ${`public.${name}`}::regclass`;
    out.push({ index: name, leadingColumn: row?.leading ?? "(expression)", definition: row?.def ?? "" });
  }
  return out;
}
