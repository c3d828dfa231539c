import { ValidationError } from "@/lib/errors/app-error";

// Opaque keyset cursors: base64url JSON of the last row's sort key.
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string | undefined, keys: (keyof T)[]): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as T;
    if (keys.every((k) => typeof value[k] === "string" || typeof value[k] === "number")) return value;
  } catch {
    // fall through
  }
  throw new ValidationError("The cursor is not valid; start again without it.", undefined, "invalid:cursor");
}

/** One more row than the page tells whether there is a next page. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string | number>) {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return { data, nextCursor: more && last ? encodeCursor(keyOf(last)) : null };
}
