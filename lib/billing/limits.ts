import "server-only";
import { and, eq, inArray, isNull, gt, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { invitations, memberships, organizations, organizationUsage, providers } from "@/lib/db/schema";
import type { OrganizationPlan } from "@/lib/db/schema/enums";
import type { TenantTx } from "@/lib/db/tenant";
import { NotFoundError, PlanLimitError } from "@/lib/errors/app-error";
import { featureMessage, hasFeature, limitMessage, PLANS, planLimit, type Feature, type LimitKind } from "./plans";

async function planOf(tx: TenantTx, orgId: string): Promise<{ plan: OrganizationPlan; timeZone: string }> {
  const [row] = await tx
    .select({ plan: organizations.plan, timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!row) throw new NotFoundError("organization");
  return row;
}

/** Serialises creators of one kind in one organization, so concurrent creates at the limit never exceed it. */
async function lockLimit(tx: TenantTx, orgId: string, kind: LimitKind): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`agentcare:limit:${kind}:${orgId}`}))`);
}

export function usageMonth(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().with({ day: 1 }).toString();
}

async function countUsers(tx: TenantTx, orgId: string): Promise<number> {
  const [members] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), inArray(memberships.status, ["active", "invited"])));
  const [pending] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return (members?.n ?? 0) + (pending?.n ?? 0);
}

async function countProviders(tx: TenantTx, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(providers)
    .where(and(eq(providers.organizationId, orgId), eq(providers.active, true)));
  return row?.n ?? 0;
}

/** Before adding a member or sending an invitation. */
export async function assertCanAddUser(tx: TenantTx, orgId: string): Promise<void> {
  await lockLimit(tx, orgId, "users");
  const { plan } = await planOf(tx, orgId);
  if ((await countUsers(tx, orgId)) >= planLimit(plan, "users")) throw new PlanLimitError("plan_limit:users", limitMessage(plan, "users"));
}

/** Before creating or reactivating a provider. */
export async function assertCanAddProvider(tx: TenantTx, orgId: string): Promise<void> {
  await lockLimit(tx, orgId, "providers");
  const { plan } = await planOf(tx, orgId);
  if ((await countProviders(tx, orgId)) >= planLimit(plan, "providers")) {
    throw new PlanLimitError("plan_limit:providers", limitMessage(plan, "providers"));
  }
}

/**
 * Counts one appointment against this month's limit (the organization's calendar month). The
 * counter row's lock serialises concurrent bookings; over the limit, the booking's transaction
 * rolls back with the counter.
 */
export async function recordAppointmentUsage(tx: TenantTx, orgId: string, at = new Date()): Promise<number> {
  const { plan, timeZone } = await planOf(tx, orgId);
  const month = usageMonth(at, timeZone);
  const [row] = await tx
    .insert(organizationUsage)
    .values({ organizationId: orgId, month, appointmentsCreated: 1 })
    .onConflictDoUpdate({
      target: [organizationUsage.organizationId, organizationUsage.month],
      set: { appointmentsCreated: sql`${organizationUsage.appointmentsCreated} + 1`, updatedAt: new Date() },
    })
    .returning({ n: organizationUsage.appointmentsCreated });
  if ((row?.n ?? 0) > planLimit(plan, "appointments")) {
    throw new PlanLimitError("plan_limit:appointments", limitMessage(plan, "appointments"));
  }
  return row?.n ?? 0;
}

export async function assertFeature(tx: TenantTx, orgId: string, feature: Feature): Promise<void> {
  const { plan } = await planOf(tx, orgId);
  if (!hasFeature(plan, feature)) throw new PlanLimitError(`plan_feature:${feature}`, featureMessage(plan, feature));
}

export type UsageReport = {
  plan: (typeof PLANS)[OrganizationPlan];
  month: string;
  users: { used: number; limit: number };
  providers: { used: number; limit: number };
  appointments: { used: number; limit: number };
};

export async function usageReport(tx: TenantTx, orgId: string, at = new Date()): Promise<UsageReport> {
  const { plan, timeZone } = await planOf(tx, orgId);
  const month = usageMonth(at, timeZone);
  const [usage] = await tx
    .select({ n: organizationUsage.appointmentsCreated })
    .from(organizationUsage)
    .where(and(eq(organizationUsage.organizationId, orgId), eq(organizationUsage.month, month)));
  return {
    plan: PLANS[plan],
    month,
    users: { used: await countUsers(tx, orgId), limit: planLimit(plan, "users") },
    providers: { used: await countProviders(tx, orgId), limit: planLimit(plan, "providers") },
    appointments: { used: usage?.n ?? 0, limit: planLimit(plan, "appointments") },
  };
}
