import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/tenant";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrate";
import { orderTenantTables, PLATFORM_TABLE_NAMES, TENANT_TABLES_SQL, type CatalogRow, type TenantTable } from "./tables";

/** The platform table names as an SQL array literal (code constants, checked to be plain names). */
export function platformTablesLiteral(): string {
  if (!PLATFORM_TABLE_NAMES.every((n) => /^[a-z_]+$/.test(n))) throw new Error("unexpected platform table name");
  return `array[${PLATFORM_TABLE_NAMES.map((n) => `'${n}'`).join(", ")}]::text[]`;
}

/** The tenant tables of the connected database, parents first (catalog reads only). */
export async function discoverTenantTables(tx: Tx): Promise<TenantTable[]> {
  const rows = await tx.execute<CatalogRow>(sql.raw(TENANT_TABLES_SQL.replaceAll("$1::text[]", platformTablesLiteral())));
  return orderTenantTables([...rows]);
}

/** The newest migration this code knows: an export and its import must agree on it. */
export function schemaMigrationId(): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)!.tag;
}
