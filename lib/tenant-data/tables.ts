import "server-only";
import { PLATFORM_TABLES } from "@/lib/db/platform-tables";

// Which tables hold one organization's data, read from the live catalog: every table in the public
// schema that is not a platform table is a tenant table (the schema lint holds each to the
// isolation rules). A table added later is exported, imported and offboarded without a code change.

export type TenantTable = {
  name: string;
  /** Primary key columns, organization_id first. */
  primaryKey: string[];
  /** Tenant tables this one references (composite foreign keys), itself excluded. */
  dependsOn: string[];
  /** Columns referencing a row of the same table (inserted empty, then filled in). */
  selfReferences: string[];
  /** Columns referencing a user account (a platform row the export carries along). */
  userReferences: string[];
};

export type CatalogRow = {
  name: string;
  primary_key: string[];
  depends_on: string[];
  self_references: string[];
  user_references: string[];
};

/** One parameter: the platform table names. Readable by any role (catalog only). */
export const TENANT_TABLES_SQL = `
  select c.relname as name,
         coalesce((select array_agg(a.attname order by k.ord)
                     from pg_constraint p, unnest(p.conkey) with ordinality k(attnum, ord)
                     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                    where p.conrelid = c.oid and p.contype = 'p'), '{}') as primary_key,
         coalesce((select array_agg(distinct f.confrelid::regclass::text)
                     from pg_constraint f
                    where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid
                      and (select relname from pg_class where oid = f.confrelid) <> all($1::text[])), '{}') as depends_on,
         coalesce((select array_agg(distinct a.attname)
                     from pg_constraint f, unnest(f.conkey) k(attnum)
                     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                    where f.conrelid = c.oid and f.contype = 'f' and f.confrelid = c.oid and a.attname <> 'organization_id'), '{}') as self_references,
         coalesce((select array_agg(distinct a.attname)
                     from pg_constraint f, unnest(f.conkey) k(attnum)
                     join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
                    where f.conrelid = c.oid and f.contype = 'f' and f.confrelid = 'public.users'::regclass), '{}') as user_references
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> all($1::text[])
   order by c.relname`;

export const PLATFORM_TABLE_NAMES: string[] = [...PLATFORM_TABLES];

/** Parents before children (a table after every table it references); ties by name. */
export function orderTenantTables(rows: CatalogRow[]): TenantTable[] {
  const tables = new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        primaryKey: r.primary_key,
        dependsOn: r.depends_on.map((d) => d.replace(/^public\./, "")).filter((d) => d !== r.name),
        selfReferences: r.self_references,
        userReferences: r.user_references,
      },
    ]),
  );
  const ordered: TenantTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    const table = tables.get(name);
    if (!table || state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`tenant tables reference each other in a cycle: ${[...path, name].join(" → ")}`);
    state.set(name, "visiting");
    for (const parent of [...table.dependsOn].sort()) visit(parent, [...path, name]);
    state.set(name, "done");
    ordered.push(table);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return ordered;
}
