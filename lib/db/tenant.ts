import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { PgTransaction } from "drizzle-orm/pg-core";
import type { PgDialect } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction, type PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { ValidationError } from "@/lib/errors/app-error";
import { transactionalDb } from "./client";
import { mapDatabaseError } from "./errors";

/** Without the relational query API (`tx.query.…`): every query is written with the query builder. */
export type Tx = PgTransaction<PostgresJsQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;

/** A transaction bound to one tenant: RLS shows it that organization's rows and nothing else. */
export type TenantTx = Tx & { readonly __scope: "tenant" };
/** A transaction for platform lookups (tenant by host, a user's memberships, sign-up). */
export type PlatformTx = Tx & { readonly __scope: "platform" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

function assertUuid(value: unknown, what: "organization" | "user"): asserts value is string {
  if (!isUuid(value)) throw new ValidationError(`${what} is not a valid id.`, undefined, `invalid:${what}`);
}

// Per wrapper transaction: work to do once it has committed (counters of state changes that must
// not count a rollback), the answers of statements sent with its COMMIT (sendLast), and, while the
// transaction runs, how to send its final statement with COMMIT right behind it (sendFinal).
/** How a final statement's column values come back: parsed (`values`) or as the bytes the server sent (`raw`). */
export type FinalFormat = "values" | "raw";
/** A driver query answering in the given format. */
export function answering<T>(query: { raw(): T; values(): T }, format: FinalFormat): T {
  return format === "raw" ? query.raw() : query.values();
}
type FinalSender = (tx: Tx, text: string, params: unknown[], format: FinalFormat) => Promise<unknown[][]> | null;
type TxBookkeeping = { hooks: Array<() => void>; last: Array<Promise<{ err: unknown } | null>>; final?: FinalSender | null };

// The wrapper transaction the current async call chain runs in: its bookkeeping from the start,
// and its scope once the callback runs. Opening another transaction inside it would need a second
// pooled connection (the embedded database has only one, so it would wait forever) and would see
// none of the outer transaction's work: refused outright. One store per process, shared by every
// bundle's copy of this module (a nested call through another copy is refused too), and one
// rather than two: every live AsyncLocalStorage adds work to every promise the server makes.
type TxContext = { book: TxBookkeeping; scope: "tenant" | "platform" | null };
const globalForContext = globalThis as unknown as { __agentcareTransaction?: AsyncLocalStorage<TxContext> };
const transaction = (globalForContext.__agentcareTransaction ??= new AsyncLocalStorage<TxContext>());

function refuseNesting(wrapper: string): void {
  const outer = transaction.getStore()?.scope;
  if (outer) throw new Error(`${wrapper} called inside a with${outer === "tenant" ? "Tenant" : "Platform"} transaction; use its tx`);
}

type Query = PromiseLike<unknown> & { execute(): Query };
type TemplateClient = (strings: TemplateStringsArray, ...values: unknown[]) => Query;

/**
 * The first statement of every wrapper, already on its way to the server when this returns.
 * Sent through postgres.js's own tagged template, which prepares it once per connection: after the
 * first use it is a single Bind/Execute with the ids as bound parameters. `execute()` queues it on
 * the transaction's connection synchronously, so every statement the callback sends afterwards is
 * queued behind it on the same connection and runs after it (PostgreSQL runs a connection's
 * statements in order; if this one fails, the transaction is aborted and everything behind it fails).
 */
function sendScope(tx: Tx, role: "agentcare_app" | "agentcare_platform", orgId: string, userId: string): Promise<unknown> | undefined {
  const client = (tx as unknown as { session?: { client?: TemplateClient } }).session?.client;
  if (typeof client !== "function") return undefined;
  const query = client`select set_config('role', ${role}, true), set_config('app.current_tenant_id', ${orgId}, true), set_config('app.current_user_id', ${userId}, true)`;
  return Promise.resolve(query.execute());
}

/** The scope statement, awaited: the slow path when the driver's own client is not reachable. */
async function setScope(tx: Tx, role: "agentcare_app" | "agentcare_platform", orgId: string, userId: string): Promise<void> {
  const sent = sendScope(tx, role, orgId, userId);
  if (sent) {
    await sent;
    return;
  }
  await tx.execute(
    sql`select set_config('role', ${role}, true), set_config('app.current_tenant_id', ${orgId}, true), set_config('app.current_user_id', ${userId}, true)`,
  );
}

/**
 * Scope first, then fn, without a round trip between them: fn's first statement travels with the
 * scope statement. fn's result only counts once the scope statement has succeeded.
 */
async function scoped<T>(
  tx: Tx,
  role: "agentcare_app" | "agentcare_platform",
  orgId: string,
  userId: string,
  scope: "tenant" | "platform",
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const ready = sendScope(tx, role, orgId, userId);
  if (!ready) {
    await setScope(tx, role, orgId, userId);
    return inScope(scope, () => fn(tx));
  }
  let work: Promise<T>;
  try {
    work = inScope(scope, () => fn(tx));
  } catch (err) {
    work = Promise.reject(err);
  }
  const [, result] = await Promise.all([ready, work]);
  return result;
}

export type TenantOptions = {
  /** The signed-in user, for policies and triggers that need it. */
  userId?: string | null;
  /** Left out of the organization's metered database time (the usage meter's own writes). */
  unmetered?: boolean;
  /**
   * Every statement sees the same snapshot, and nothing can be written (REPEATABLE READ, READ
   * ONLY): for reads across many tables that must agree with each other, such as an export.
   */
  snapshot?: boolean;
};

const SNAPSHOT = "isolation level repeatable read read only";

type DrizzleInternals = {
  dialect: PgDialect;
  session: { client: postgres.Sql; options: ConstructorParameters<typeof PostgresJsSession>[3] };
};
type Connection = { onclose?: ((err: unknown) => void) | null };

/** The transaction a pooled connection is running now, to be failed if the connection closes. */
type Current = { fail: ((err: unknown) => void) | null; lost: boolean };
const currents = new WeakMap<Connection, Current>();

function watchOf(c: Connection): Current {
  const watch = currents.get(c) ?? { fail: null, lost: false };
  currents.set(c, watch);
  watch.lost = false;
  // Set for every transaction: the pool clears the hook when it fires, and the driver's own
  // transactions set their own.
  c.onclose = (err) => {
    watch.lost = true;
    watch.fail?.(err);
  };
  return watch;
}

const noop = () => {};

/** COMMIT answered ROLLBACK: a statement of the transaction failed without anyone waiting for it. */
class RolledBackAtCommit extends Error {}

/**
 * One transaction on a reserved pooled connection, with BEGIN sent but not waited for: it travels
 * with the first statement of fn (the scope statement), saving the round trip the driver's own
 * `begin` spends waiting for BEGIN's answer. The connection runs its statements in order, so
 * nothing of fn can run before BEGIN; BEGIN's answer is still checked before COMMIT is sent.
 *
 * fn always settles before COMMIT or ROLLBACK is sent and the connection goes back to the pool, so
 * nothing fn sends can land on the pool's next user. COMMIT answering ROLLBACK (a statement fn sent
 * without waiting for it failed and aborted the transaction) is an error: the driver's `begin`
 * would report such a transaction as committed. If the connection closes mid-transaction the
 * wrapper fails at once, as the driver's `begin` does.
 */
async function pipelinedTransaction<T>(options: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = transactionalDb() as unknown as DrizzleInternals;
  const reserved = await db.session.client.reserve();
  let watch: Current | undefined;
  const onexecute = (c: Connection) => {
    watch = watchOf(c);
    // True: the connection takes fn's statements right behind BEGIN instead of holding them back.
    return true;
  };
  const begun = reserved.unsafe(`begin ${options}`.trim(), [], { onexecute } as unknown as { prepare: boolean }).execute();
  begun.catch(noop);
  // fn's handle on the connection stops working when the transaction ends, so a statement fn sends
  // late (after its connection was lost, while the pool reconnects it) reaches no one's session.
  let ended = false;
  const refuseIfEnded = () => {
    if (ended || watch?.lost) throw new Error("statement sent after its transaction ended");
  };
  const handle = Object.assign(
    (strings: TemplateStringsArray, ...values: unknown[]) => {
      refuseIfEnded();
      return reserved(strings, ...(values as never[]));
    },
    {
      unsafe: (...args: Parameters<postgres.Sql["unsafe"]>) => {
        refuseIfEnded();
        return reserved.unsafe(...args);
      },
    },
  ) as unknown as postgres.Sql;
  // A reserved connection has no savepoints: tx.transaction() (nested) is not available here.
  const session = new PostgresJsSession(handle, db.dialect, undefined, db.session.options);
  type TxSession = ConstructorParameters<typeof PostgresJsTransaction>[1];
  const tx = new PostgresJsTransaction(db.dialect, session as unknown as TxSession, undefined) as unknown as Tx;
  // Settles with p, or fails as soon as the connection closes.
  const untilClosed = <V>(p: PromiseLike<V>): Promise<V> =>
    new Promise<V>((resolve, reject) => {
      if (watch) watch.fail = reject;
      p.then(resolve, reject);
    });
  // sendFinal: fn's last statement, queued with COMMIT behind it. Only once BEGIN has answered
  // (so the statement cannot run outside the transaction), and only once.
  let begunOk = false;
  begun.then(() => {
    begunOk = true;
  }, noop);
  let committing: Promise<{ command: string }> | null = null;
  const book = transaction.getStore()?.book;
  if (book) {
    book.final = (caller, text, params, format) => {
      if (caller !== tx || ended || committing || !begunOk || watch?.lost) return null;
      const query = reserved.unsafe(text, params as never[], { prepare: true });
      const rows = answering(query, format).execute() as unknown as Promise<unknown[][]>;
      committing = Promise.resolve(reserved`commit`.execute());
      committing.catch(noop);
      // Nothing more of fn's reaches the server: it would run after COMMIT, outside the transaction.
      ended = true;
      return rows;
    };
  }
  try {
    const value = await untilClosed(fn(tx));
    await untilClosed(begun);
    const done = await untilClosed(committing ?? reserved`commit`.execute());
    if (done.command !== "COMMIT") throw new RolledBackAtCommit(`transaction ended with ${done.command} instead of COMMIT`);
    return value;
  } catch (err) {
    // After sendFinal the transaction ends with its COMMIT (or ROLLBACK, if a statement failed):
    // wait for that answer so the connection goes back to the pool idle.
    if (!watch?.lost) await untilClosed(committing ?? reserved`rollback`.execute()).catch(noop);
    throw err;
  } finally {
    ended = true;
    if (book) book.final = null;
    if (watch) watch.fail = null;
    // A closed connection is already back in the pool's hands (it reconnects it on demand).
    if (!watch?.lost) reserved.release();
  }
}

/** One finished transaction of a wrapper, for the metrics and the usage meter. */
export type TransactionEvent = { scope: "tenant" | "platform"; orgId: string | null; ms: number; metered: boolean };
type TransactionObserver = (event: TransactionEvent) => void;

// Process-wide (every bundle's copy of this module counts into the same numbers).
const globalForTx = globalThis as unknown as {
  __agentcareTransactions?: { inFlight: number; observers: Set<TransactionObserver> };
};
const transactions = (globalForTx.__agentcareTransactions ??= { inFlight: 0, observers: new Set() });

/** Transactions of the wrappers now in flight: holding a pooled connection or waiting for one. */
export function transactionsInFlight(): number {
  return transactions.inFlight;
}

/** Calls `observer` after every wrapper transaction (committed or not). Returns the unsubscribe. */
export function observeTransactions(observer: TransactionObserver): () => void {
  transactions.observers.add(observer);
  return () => transactions.observers.delete(observer);
}

async function tracked<T>(scope: "tenant" | "platform", orgId: string | null, metered: boolean, run: () => Promise<T>): Promise<T> {
  transactions.inFlight += 1;
  const started = performance.now();
  try {
    return await run();
  } finally {
    transactions.inFlight -= 1;
    const event = { scope, orgId, ms: performance.now() - started, metered };
    for (const observer of transactions.observers) {
      try {
        observer(event);
      } catch {
        // An observer's fault never fails the caller's work.
      }
    }
  }
}

/** Runs the wrapper's callback marked as inside its transaction, with the transaction's bookkeeping. */
function inScope<T>(scope: "tenant" | "platform", fn: () => T): T {
  const book = transaction.getStore()?.book ?? { hooks: [], last: [] };
  return transaction.run({ book, scope }, fn);
}

/** Runs `fn` after the current withTenant/withPlatform transaction commits; never when it rolls back. */
export function afterCommit(fn: () => void): void {
  transaction.getStore()?.book.hooks.push(fn);
}

type UnsafeClient = { unsafe(query: string, params: unknown[], options: { prepare: boolean }): Query };

/**
 * Sends the transaction's last statement and does not wait for its answer, so it reaches the server
 * together with COMMIT: one round trip for both. Nothing may be sent after it in the callback. The
 * wrapper still waits for its answer before it returns: if the statement failed, the server rolled
 * the whole transaction back (COMMIT then answers ROLLBACK) and the wrapper throws its error, so
 * nothing the callback read is handed out without it. Without the driver's own client at hand it
 * is simply awaited.
 */
export async function sendLast(tx: Tx, statement: PromiseLike<unknown> & { toSQL(): { sql: string; params: unknown[] } }): Promise<void> {
  const client = (tx as unknown as { session?: { client?: UnsafeClient } }).session?.client;
  const book = transaction.getStore()?.book;
  if (!book || typeof client?.unsafe !== "function") {
    await statement;
    return;
  }
  const { sql: text, params } = statement.toSQL();
  // execute() queues it on the transaction's connection now, ahead of the COMMIT that follows.
  // Prepared (once per connection and text; the driver still sends it unnamed when the pool runs
  // without prepared statements): an unprepared statement with parameters would first wait for
  // the server to describe them, and COMMIT would wait behind that.
  const sent = client.unsafe(text, params, { prepare: true }).execute();
  book.last.push(
    Promise.resolve(sent).then(
      () => null,
      (err: unknown) => ({ err }),
    ),
  );
}

/**
 * Sends the transaction's final statement with COMMIT queued right behind it, so both reach the
 * server in one write, and returns the statement's rows (each an array of column values, in the
 * statement's order; with `format` "raw", each value is the bytes the server sent, or null).
 * Nothing can be sent in the transaction afterwards: any later statement is refused. If the
 * statement fails, COMMIT answers ROLLBACK and nothing of the transaction is kept; the returned
 * promise fails with the statement's error. If the callback throws after this, the transaction
 * has still committed (or rolled back) as the statement decided: use it only for work that is
 * complete once the statement has run, such as a read and its own audit row.
 *
 * Returns null when the statement cannot be sent this way (outside a wrapper transaction, before
 * BEGIN has answered, or a second time): the caller then runs it as an ordinary statement.
 */
export function sendFinal(tx: Tx, text: string, params: unknown[], format: FinalFormat = "values"): Promise<unknown[][]> | null {
  return transaction.getStore()?.book.final?.(tx, text, params, format) ?? null;
}

async function withCommitHooks<T>(run: () => Promise<T>): Promise<T> {
  const book: TxBookkeeping = { hooks: [], last: [] };
  let result: T;
  try {
    result = await transaction.run({ book, scope: null }, run);
  } catch (err) {
    // A statement sent with COMMIT that failed made COMMIT answer ROLLBACK: its own error says why.
    if (err instanceof RolledBackAtCommit) {
      for (const sent of book.last) {
        const failed = await sent;
        if (failed) throw failed.err;
      }
    }
    throw err;
  }
  for (const hook of book.hooks) {
    try {
      hook();
    } catch {
      // Bookkeeping after the commit never turns a committed change into an error.
    }
  }
  return result;
}

/**
 * Runs fn in one transaction whose first statement switches to the RLS-bound role and sets the
 * tenant, both transaction-local (a session-level SET would leak to the pool's next user).
 * Inside fn use only `tx`, never the pool.
 */
export async function withTenant<T>(orgId: string, fn: (tx: TenantTx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  assertUuid(orgId, "organization");
  const userId = options.userId ?? "";
  if (userId) assertUuid(userId, "user");
  refuseNesting("withTenant");
  try {
    return await tracked("tenant", orgId, !options.unmetered, () =>
      withCommitHooks(() =>
        pipelinedTransaction(options.snapshot ? SNAPSHOT : "", (tx) =>
          scoped(tx, "agentcare_app", orgId, userId, "tenant", (t) => fn(t as TenantTx)),
        ),
      ),
    );
  } catch (err) {
    throw mapDatabaseError(err);
  }
}

/**
 * Platform-level work only: resolving a tenant by host or slug, a user's own memberships,
 * sign-up. Nothing tenant-scoped is readable here (the role has no grants on tenant tables,
 * except a user's own membership rows).
 */
export async function withPlatform<T>(fn: (tx: PlatformTx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  const userId = options.userId ?? "";
  if (userId) assertUuid(userId, "user");
  refuseNesting("withPlatform");
  try {
    return await tracked("platform", null, false, () =>
      withCommitHooks(() =>
        pipelinedTransaction("", (tx) => scoped(tx, "agentcare_platform", "", userId, "platform", (t) => fn(t as PlatformTx))),
      ),
    );
  } catch (err) {
    throw mapDatabaseError(err);
  }
}

/**
 * Onboarding only: inside a withPlatform transaction that has just created an organization, switch
 * the same transaction to that tenant (role and tenant id, transaction-local), so the organization,
 * its settings, branding, domain and first owner commit or fail together.
 */
export async function enterTenant(tx: PlatformTx, orgId: string, userId?: string | null): Promise<TenantTx> {
  assertUuid(orgId, "organization");
  if (userId) assertUuid(userId, "user");
  await setScope(tx, "agentcare_app", orgId, userId ?? "");
  return tx as unknown as TenantTx;
}
