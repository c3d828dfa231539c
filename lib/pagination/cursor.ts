import { ValidationError } from "@/lib/errors/app-error";

// Opaque keyset cursors: base64url JSON of the last row's sort key.
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Whether one value of a cursor can be a sort key we wrote: an `id` is a UUID, a `…At` an ISO
 * instant of a real date, anything else a short line of text or a finite number. A cursor is the
 * client's to send back, so it is checked like any input before it reaches a query.
 */
function plausibleKey(key: string, value: unknown): boolean {
  // Ids and instants are only ever written as strings: a number there (1e308 as a time) is forged.
  if (key === "id" || key.endsWith("Id")) return typeof value === "string" && UUID.test(value);
  if (key.endsWith("At")) return typeof value === "string" && INSTANT.test(value) && Number.isFinite(Date.parse(value));
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && value.length <= 300 && !CONTROL.test(value);
}

export function decodeCursor<T extends Record<string, string | number>>(cursor: string | undefined, keys: (keyof T)[]): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as T;
    if (value && typeof value === "object" && !Array.isArray(value) && keys.every((k) => plausibleKey(String(k), value[k]))) {
      return Object.fromEntries(keys.map((k) => [k, value[k]])) as unknown as T;
    }
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
