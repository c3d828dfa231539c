import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { isUuid } from "./tenant";

/**
 * A list of ids as ONE bound parameter (`$n::uuid[]`, for `= any(...)`), so the statement's text
 * is the same for any number of ids and it can be prepared once per connection; `inArray` writes
 * one placeholder per id, a new statement for every list length. Every id must be a UUID.
 */
export function uuidList(ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new Error("uuidList: not a uuid");
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
