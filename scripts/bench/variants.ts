import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type * as schema from "@/lib/db/schema";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";

export type QueryName = "day" | "patient";
export type Variant = "tenant" | "owner" | "setConfigOnly" | "literal" | "prepared" | "pipelined";
export const QUERIES: QueryName[] = ["day", "patient"];
export const VARIANTS: Variant[] = ["tenant", "owner", "setConfigOnly", "literal", "prepared", "pipelined"];

export const QUERY_LABEL: Record<QueryName, string> = {
  day: "provider's day (`listForProvider`)",
  patient: "patient's upcoming (`upcomingForPatient`)",
};

export const VARIANT_LABEL: Record<Variant, string> = {
  tenant: "the real `withTenant` (role switch to agentcare_app + tenant setting, RLS applies)",
  owner: "baseline: the same repository query in a plain transaction as the owner (superuser: no RLS)",
  setConfigOnly: "owner + withTenant's parameterised `set_config` statement, without the role switch",
  literal: "withTenant's statements with the validated UUID inlined into `set_config` instead of bound",
  prepared:
    "withTenant's previous path: the same named prepared `set_config` (id bound), awaited before the query instead of sent ahead of it",
  pipelined: "as `literal`, the `set_config` queued ahead of the query instead of awaited",
};

export type DayTarget = { orgId: string; providerId: string; from: Date; to: Date };
export type PatientTarget = { orgId: string; patientId: string };
type Db = PostgresJsDatabase<typeof schema>;

export const key = (variant: Variant, query: QueryName) => `${variant}:${query}`;
// The owner's transaction is the tenant one minus the brand; the repository only uses tx.
export const asTenantTx = (tx: unknown) => tx as TenantTx;

// drizzle sends statements unprepared; postgres.js then spends a Parse/Describe round trip before
// Bind/Execute on every statement that has parameters, and cannot pipeline past it. Without
// parameters a statement is one round trip. The id is matched against a strict UUID pattern first
// (as withTenant does), so inlining it cannot inject anything.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function setTenantLiteral(orgId: string) {
  if (!UUID.test(orgId)) throw new Error("not a uuid");
  return sql.raw(
    `select set_config('role', 'agentcare_app', true), set_config('app.current_tenant_id', '${orgId}', true), set_config('app.current_user_id', '', true)`,
  );
}
const SET_TENANT_BOUND =
  "select set_config('role', 'agentcare_app', true), set_config('app.current_tenant_id', $1, true), set_config('app.current_user_id', $2, true)";

/** withTenant with the tenant id inlined: the same role switch and RLS, one round trip less. */
function literal<T>(db: Db, orgId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(setTenantLiteral(orgId));
    return fn(asTenantTx(tx));
  });
}

/**
 * withTenant with its set_config as a named prepared statement: postgres.js caches it on the
 * connection, so after the first call it is one Bind/Execute round trip with the id still bound.
 * drizzle has no public way to prepare raw SQL, hence the reach into its session.
 */
function prepared<T>(db: Db, orgId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const client = (tx as unknown as { session?: { client?: postgres.TransactionSql } }).session?.client;
    if (typeof client?.unsafe !== "function") throw new Error("drizzle's transaction no longer exposes session.client");
    await client.unsafe(SET_TENANT_BOUND, [orgId, ""], { prepare: true });
    return fn(asTenantTx(tx));
  });
}

/**
 * As literal, without waiting for the set_config: it is queued on the transaction's connection
 * first and the query right behind it, so PostgreSQL still runs them in that order (checked by
 * checkPipelineOrder with a mismatched tenant, which must see no rows).
 */
function pipelined<T>(db: Db, orgId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const ready = tx.execute(setTenantLiteral(orgId)).then(() => undefined);
    const [, result] = await Promise.all([ready, fn(asTenantTx(tx))]);
    return result;
  });
}

/** Every variant of both reads, for one provider-day target and one patient target. */
export function operations(db: Db, day: DayTarget, patient: PatientTarget): Record<string, () => Promise<unknown[]>> {
  const dayArgs = { providerId: day.providerId, from: day.from, to: day.to };
  const patientArgs = { patientId: patient.patientId };
  const reads: [QueryName, string, (tx: TenantTx) => Promise<unknown[]>][] = [
    ["day", day.orgId, (tx) => appointmentsRepo(tx, day.orgId).listForProvider(dayArgs)],
    ["patient", patient.orgId, (tx) => appointmentsRepo(tx, patient.orgId).upcomingForPatient(patientArgs)],
  ];
  const ops: Record<string, () => Promise<unknown[]>> = {};
  for (const [q, orgId, run] of reads) {
    ops[key("tenant", q)] = () => withTenant(orgId, run);
    ops[key("owner", q)] = () => db.transaction((tx) => run(asTenantTx(tx)));
    ops[key("setConfigOnly", q)] = () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.current_tenant_id', ${orgId}, true), set_config('app.current_user_id', ${""}, true)`);
        return run(asTenantTx(tx));
      });
    ops[key("literal", q)] = () => literal(db, orgId, run);
    ops[key("prepared", q)] = () => prepared(db, orgId, run);
    ops[key("pipelined", q)] = () => pipelined(db, orgId, run);
  }
  return ops;
}

/** The pipelined variant is only meaningful if the tenant is set before the query runs. */
export async function checkPipelineOrder(db: Db, day: DayTarget, otherOrgId: string): Promise<void> {
  if (otherOrgId === day.orgId) return;
  const rows = await pipelined(db, otherOrgId, (tx) =>
    appointmentsRepo(tx, day.orgId).listForProvider({ providerId: day.providerId, from: day.from, to: day.to }),
  );
  if (rows.length !== 0) throw new Error("pipelined set_config ran after the query (another tenant's rows were visible)");
}
