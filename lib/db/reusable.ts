import "server-only";
import { is, Placeholder, sql } from "drizzle-orm";
import { rawDb } from "./client";
import type { Tx } from "./tenant";

/**
 * How a query builder takes a value: as itself (a bound parameter of this one statement) or as a
 * named placeholder filled in at each run. One builder written against `Bind` serves both.
 */
export type Bind = <T>(name: string, value: T) => T | Placeholder;

/** Values bound as themselves. */
export const bindValue: Bind = (_name, value) => value;

/**
 * Values bound as named placeholders, collected for the run. The names bound, in order, are the
 * statement's shape. Timestamps are sent as ISO strings (drizzle leaves them to the column's
 * encoder, which a placeholder skips).
 */
export function placeholders(): { bind: Bind; values: Record<string, unknown>; shape: () => string } {
  const values: Record<string, unknown> = {};
  return {
    bind: (name, value) => {
      values[name] = value instanceof Date ? value.toISOString() : value;
      return sql.placeholder(name);
    },
    values,
    shape: () => Object.keys(values).join(","),
  };
}

/** What drizzle's `.prepare(name)` hands back: run with the placeholders' values. */
type Prepared<R> = { execute(values?: Record<string, unknown>): Promise<R> };
type Preparable<R> = { prepare(name: string): Prepared<R> };

type Built = Prepared<unknown> & { client?: unknown; params?: unknown[] };

// One entry per query shape the code can produce (a few dozen): never per value.
const MAX_SHAPES = 500;
const built = new Map<string, Built>();

/**
 * A hot read whose SQL text is built once per shape and then run in any transaction.
 *
 * drizzle turns a query builder into SQL text on every call, and for a wide select with joins that
 * costs more CPU than PostgreSQL takes to run it. Here `build` runs once per `shape` (the pool's
 * database standing in for the transaction), with `sql.placeholder(name)` for every value; each
 * call then binds the cached statement to the transaction's own connection and fills in `values`.
 * A shape whose statement holds any bound value instead of a placeholder is refused when it is
 * built: a value frozen into a shared statement would be used for every later caller. The
 * statement is prepared on each connection once, like every other named read.
 *
 * Outside the driver this is written for (no client reachable on the transaction), the query is
 * built in the transaction as usual.
 */
export function reusableRead<R>(
  tx: Tx,
  name: string,
  shape: string,
  build: (db: Tx) => Preparable<R>,
  values: Record<string, unknown>,
): Promise<R> {
  const session = (tx as unknown as { session?: { client?: unknown; logger?: unknown } }).session;
  const client = session?.client;
  if (typeof client !== "function") return build(tx).prepare(name).execute(values);
  const key = `${name}\u0000${shape}`;
  let query = built.get(key);
  if (!query) {
    query = build(rawDb() as unknown as Tx).prepare(name) as Built;
    const frozen = (query.params ?? []).filter((p) => !is(p, Placeholder));
    if (frozen.length) throw new Error(`${name}: ${frozen.length} value(s) bound into a reusable statement; use sql.placeholder()`);
    if (built.size >= MAX_SHAPES) built.delete(built.keys().next().value!);
    built.set(key, query);
  }
  // The same statement, on the transaction's connection (role, tenant and snapshot are the
  // transaction's), logged by the transaction's database.
  const bound = Object.assign(Object.create(Object.getPrototypeOf(query) as object) as Built, query, {
    client,
    ...(session?.logger ? { logger: session.logger } : {}),
  });
  return bound.execute(values) as Promise<R>;
}
