import "server-only";
import { Column, DrizzleQueryError, fillPlaceholders, is, Placeholder, SQL, sql, Subquery, type Logger } from "drizzle-orm";
import { rawDb } from "./client";
import { answering, sendFinal, type FinalFormat, type Tx } from "./tenant";

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

type Built = Prepared<unknown> & {
  client?: unknown;
  params?: unknown[];
  queryString?: unknown;
  prepare?: unknown;
  fields?: unknown;
  joinsNotNullableMap?: unknown;
  customResultMapper?: unknown;
  logger?: Logger;
};

type Decoder = { mapFromDriverValue(value: unknown): unknown };
type UnsafeClient = {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): { values(): Promise<unknown[][]>; raw(): Promise<unknown[][]> };
};

/**
 * A built select run without drizzle's general execute path: the statement's text and parameters
 * are fixed, so the columns' decoders are found once, and each row is mapped by position. drizzle
 * finds every cell's decoder anew (several prototype-chain checks per cell, per row), which for a
 * list costs more than the rest of the read. Same parameters, same statement, same values, same
 * errors (a DrizzleQueryError around the driver's) as drizzle's own execute.
 */
type FastRun = {
  queryString: string;
  params: unknown[];
  prepare: boolean;
  /** Rows as the driver's arrays of column values, mapped to drizzle's objects. */
  map(rows: unknown[][]): unknown[];
};

type Entry = { query: Built; fast: FastRun | null; wrapped?: Map<string, string> };

// One entry per query shape the code can produce (a few dozen): never per value.
const MAX_SHAPES = 500;
const built = new Map<string, Entry>();

/** The column's decoder, found the way drizzle's row mapping finds it. */
function decoderOf(field: unknown): Decoder | null {
  // drizzle keeps an expression's decoder on the SQL object without declaring it.
  const decoderOfSql = (expression: SQL) => (expression as unknown as { decoder?: Decoder }).decoder ?? null;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoderOfSql(field);
  if (is(field, Subquery)) return decoderOfSql(field._.sql);
  if (is(field, SQL.Aliased)) return decoderOfSql(field.sql);
  return null;
}

/**
 * The fast run for a built select, or null when its rows are not a flat object of columns (a
 * nested selection, a left-joined table's nulls to fold, a relational query's own mapper): those
 * keep drizzle's execute.
 */
function fastRunOf(query: Built): FastRun | null {
  const { queryString, params, fields, customResultMapper } = query;
  if (typeof queryString !== "string" || !Array.isArray(params) || !Array.isArray(fields) || customResultMapper) return null;
  const keys: string[] = [];
  const decoders: Decoder[] = [];
  for (const entry of fields as { path?: unknown; field?: unknown }[]) {
    if (!Array.isArray(entry.path) || entry.path.length !== 1 || typeof entry.path[0] !== "string") return null;
    const decoder = decoderOf(entry.field);
    if (!decoder) return null;
    keys.push(entry.path[0]);
    decoders.push(decoder);
  }
  const width = keys.length;
  return {
    queryString,
    params,
    prepare: query.prepare === true,
    map(rows) {
      const out = new Array<Record<string, unknown>>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const mapped: Record<string, unknown> = {};
        for (let c = 0; c < width; c++) {
          const raw = row[c];
          mapped[keys[c]!] = raw === null ? null : decoders[c]!.mapFromDriverValue(raw);
        }
        out[r] = mapped;
      }
      return out;
    },
  };
}

/** Runs a statement's text with its bound values, failing as drizzle's execute fails. */
async function run(send: () => PromiseLike<unknown[][]>, text: string, bound: unknown[], logger: Logger | undefined): Promise<unknown[][]> {
  logger?.logQuery(text, bound);
  try {
    return await send();
  } catch (err) {
    throw new DrizzleQueryError(text, bound, err as Error);
  }
}

function entryOf(name: string, shape: string, build: (db: Tx) => Preparable<unknown>): Entry {
  const key = `${name}\u0000${shape}`;
  let entry = built.get(key);
  if (!entry) {
    const query = build(rawDb() as unknown as Tx).prepare(name) as Built;
    const frozen = (query.params ?? []).filter((p) => !is(p, Placeholder));
    if (frozen.length) throw new Error(`${name}: ${frozen.length} value(s) bound into a reusable statement; use sql.placeholder()`);
    if (built.size >= MAX_SHAPES) built.delete(built.keys().next().value!);
    entry = { query, fast: fastRunOf(query) };
    built.set(key, entry);
  }
  return entry;
}

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
  const entry = entryOf(name, shape, build);
  const { query, fast } = entry;
  // The same statement, on the transaction's connection (role, tenant and snapshot are the
  // transaction's), logged by the transaction's database.
  const unsafeClient = client as unknown as Partial<UnsafeClient>;
  if (fast && typeof unsafeClient.unsafe === "function") {
    const bound = fillPlaceholders(fast.params, values);
    const send = () => (unsafeClient as UnsafeClient).unsafe(fast.queryString, bound, { prepare: fast.prepare }).values();
    const logger = (session?.logger as Logger | undefined) ?? query.logger;
    return run(send, fast.queryString, bound, logger).then((rows) => fast.map(rows)) as Promise<R>;
  }
  const bound = Object.assign(Object.create(Object.getPrototypeOf(query) as object) as Built, query, {
    client,
    ...(session?.logger ? { logger: session.logger } : {}),
  });
  return bound.execute(values) as Promise<R>;
}

/**
 * How a reusable read is wrapped into a larger statement: `text` gets the read's SQL and how many
 * parameters it binds, and writes the whole statement, whose own parameters follow the read's
 * (`$n+1` onwards). `key` names the wrapping (its text is built once per read shape and key).
 */
export type Wrapping = {
  key: string;
  text: (read: string, readParams: number) => string;
  params: unknown[];
  /** How the wrapped statement's columns come back (see sendFinal); parsed values unless it says "raw". */
  format?: FinalFormat;
};

/**
 * A reusable read wrapped into a statement that is the transaction's last, sent with COMMIT behind
 * it in one write (sendFinal): a list and the audit row of what it showed, say. `map` turns what it
 * answers (the driver's arrays of column values) into the result. If the transaction cannot send
 * it that way it runs as an ordinary statement, and the wrapper commits as usual afterwards. Null
 * when the read cannot be wrapped here (no driver client on the transaction, or a read whose
 * statement is not a plain select of columns): the caller then does the work in separate statements.
 */
export function reusableFinalRead<R, A>(
  tx: Tx,
  name: string,
  shape: string,
  build: (db: Tx) => Preparable<R>,
  values: Record<string, unknown>,
  wrapping: Wrapping,
  map: (rows: unknown[][]) => A,
): Promise<A> | null {
  const session = (tx as unknown as { session?: { client?: unknown; logger?: unknown } }).session;
  const client = session?.client as unknown as Partial<UnsafeClient> | undefined;
  if (typeof client?.unsafe !== "function") return null;
  const driver = client as UnsafeClient;
  const entry = entryOf(name, shape, build);
  const { query, fast } = entry;
  if (!fast) return null;
  entry.wrapped ??= new Map();
  let text = entry.wrapped.get(wrapping.key);
  if (!text) {
    text = wrapping.text(fast.queryString, fast.params.length);
    entry.wrapped.set(wrapping.key, text);
  }
  const statement = text;
  const bound = [...fillPlaceholders(fast.params, values), ...wrapping.params];
  const format = wrapping.format ?? "values";
  const send = () => {
    const sent = sendFinal(tx, statement, bound, format);
    if (sent) return sent;
    return answering(driver.unsafe(statement, bound, { prepare: fast.prepare }), format);
  };
  const logger = (session?.logger as Logger | undefined) ?? query.logger;
  return run(send, statement, bound, logger).then(map);
}
