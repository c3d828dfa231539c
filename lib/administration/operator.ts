import "server-only";
import { resourceUsageReport, type ResourceUsageReport } from "@/lib/usage/report";
import { listAccountMessages } from "@/lib/auth/account-mail";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { usageReport, type UsageReport } from "@/lib/billing/limits";
import { platformKey } from "@/lib/cache/keys";
import { invalidatePrefix } from "@/lib/cache/memory";
import { organizations, securityEvents } from "@/lib/db/schema";
import { organizationPlans, organizationStatuses, subscriptionStatuses } from "@/lib/db/schema/enum-values";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { isOffboardedSlug } from "@/lib/tenancy/slug";
import { idParam } from "@/lib/validation/fields";
import { offboardOrganization } from "@/lib/tenant-data/offboard";

// The platform operator console: every organization with its usage, the latest security events,
// and the one change an operator makes by hand (plan, suspension, subscription status — payment
// itself happens outside AgentCare). Platform-level work; each organization's usage is read in
// that organization's own tenant transaction.

export type Operator = { userId: string };

/** The organizations (with this month's usage) and the latest security events. */
export async function operatorConsole() {
  const list = await withPlatform((tx) => platformOrganizations(tx).list({ limit: 500 }));
  const usage = new Map<string, UsageReport & { resources: ResourceUsageReport }>();
  for (const o of list) {
    usage.set(
      o.id,
      await withTenant(o.id, async (tx) => ({ ...(await usageReport(tx, o.id)), resources: await resourceUsageReport(tx, o.id) }), {
        unmetered: true,
      }),
    );
  }
  const events = await withPlatform((tx) => tx.select().from(securityEvents).orderBy(desc(securityEvents.occurredAt)).limit(200));
  // Account e-mails (address confirmations, resets) carry single-use links: on an install without a
  // mail server, the operator reads them here and passes them on.
  const accountMail = await listAccountMessages({ limit: 50 });
  return { organizations: list.map((o) => ({ ...o, usage: usage.get(o.id)! })), events, accountMail };
}

export type OperatorConsole = Awaited<ReturnType<typeof operatorConsole>>;

export const organizationChangeSchema = z
  .object({
    id: idParam,
    plan: z.enum(organizationPlans, "Choose basic, professional or enterprise.").optional(),
    status: z.enum(organizationStatuses, "Choose active or suspended.").optional(),
    subscriptionStatus: z.enum(subscriptionStatuses, "Choose active, past due or cancelled.").optional(),
  })
  .refine((c) => c.plan || c.status || c.subscriptionStatus, "Change the plan, the status or the subscription status.");

export type OrganizationChange = z.infer<typeof organizationChangeSchema>;

/** Changes one organization's plan, status or subscription status; answers with what changed. */
export async function changeOrganization(operator: Operator, { id, ...patch }: OrganizationChange): Promise<string> {
  const current = await withPlatform((tx) => platformOrganizations(tx).findById({ id }));
  if (!current) throw new NotFoundError("organization", "That organization no longer exists.");
  // Its data is gone: reactivating it or changing its plan would serve an empty shell.
  if (isOffboardedSlug(current.slug)) throw new ValidationError("That organization was offboarded; it can no longer be changed.");
  const [row] = await withPlatform((tx) =>
    tx
      .update(organizations)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(organizations.id, id))
      .returning({ id: organizations.id, name: organizations.name }),
  );
  if (!row) throw new NotFoundError("organization", "That organization no longer exists.");
  // Tenant lookups are cached by slug, host and id: drop them so the change applies on the next request.
  await invalidatePrefix(platformKey("org-"));
  logger.info({ operatorId: operator.userId, organizationId: id, change: patch }, "operator changed an organization");
  const parts = [
    patch.status === "suspended" ? "suspended" : patch.status === "active" ? "reactivated" : null,
    patch.plan ? `plan ${patch.plan}` : null,
    patch.subscriptionStatus ? `subscription ${patch.subscriptionStatus.replace("_", " ")}` : null,
  ].filter(Boolean);
  return `${row.name}: ${parts.join(", ")}.`;
}

export const organizationOffboardSchema = z.object({
  id: idParam,
  confirm: z.string().trim().max(100).default(""),
});

/**
 * Deletes a suspended organization's data for good (every tenant row and its audit trail), recorded
 * as a platform event. The operator repeats the organization's slug to confirm.
 */
export async function offboardOrganizationById(operator: Operator, { id, confirm }: z.infer<typeof organizationOffboardSchema>) {
  const org = await withPlatform((tx) => platformOrganizations(tx).findById({ id }));
  if (!org) throw new NotFoundError("organization", "That organization no longer exists.");
  if (isOffboardedSlug(org.slug)) throw new ValidationError("That organization was offboarded already.");
  if (org.status !== "suspended") {
    throw new ValidationError("Suspend the organization before offboarding it.", { confirm: ["Suspend it first."] });
  }
  if (confirm !== org.slug) {
    throw new ValidationError("Type the organization's slug to confirm.", { confirm: [`Type ${org.slug} to confirm.`] });
  }
  const result = await offboardOrganization({ slug: org.slug, actor: `operator:${operator.userId}` });
  await invalidatePrefix(platformKey("org-"));
  const rows = result.deleted.reduce((n, t) => n + t.rows, 0);
  logger.info({ operatorId: operator.userId, organizationId: id, rows }, "operator offboarded an organization");
  return `${org.name}: offboarded, ${rows} rows deleted.`;
}
