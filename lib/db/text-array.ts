import { is } from "drizzle-orm";
import { PgArray, type PgColumn } from "drizzle-orm/pg-core";

/**
 * A one-dimensional array of strings as PostgreSQL's array literal, character for character what
 * drizzle writes for a text or uuid array column (every element quoted, `\` and `"` escaped).
 * drizzle gets there by checking each element's column and running two replacements on it; an
 * audited list sends two such arrays of one id per row shown, with every read. Pure.
 */
export function stringArrayLiteral(values: readonly string[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const escaped = value.includes("\\") || value.includes('"') ? value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') : value;
    out += i === 0 ? `"${escaped}"` : `,"${escaped}"`;
  }
  return `${out}}`;
}

// Element types whose values drizzle passes on unchanged (its encoder for them is the identity).
const PLAIN_ELEMENTS = new Set(["PgUUID", "PgText"]);

/**
 * The column's encoder for values its statement sends: for a text or uuid array, arrays of strings
 * go through stringArrayLiteral and anything else through drizzle; other columns are drizzle's.
 */
export function columnEncoder(column: PgColumn): (value: unknown) => unknown {
  const drizzleEncode = (value: unknown) => column.mapToDriverValue(value as never);
  if (!is(column, PgArray) || !PLAIN_ELEMENTS.has(column.baseColumn.columnType)) return drizzleEncode;
  return (value) =>
    Array.isArray(value) && value.every((v) => typeof v === "string") ? stringArrayLiteral(value as string[]) : drizzleEncode(value);
}
