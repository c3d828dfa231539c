"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issuesToErrors } from "@/lib/validation/parse";
import { currentOperator } from "@/lib/auth/operator";
import { platformKey } from "@/lib/cache/keys";
import { invalidatePrefix } from "@/lib/cache/memory";
import { organizations } from "@/lib/db/schema";
import { withPlatform } from "@/lib/db/tenant";
import { logger } from "@/lib/observability/logger";

export type OperatorActionResult = { ok: true; message: string } | { ok: false; formError: string; fieldErrors?: Record<string, string[]> };

type Operator = NonNullable<Awaited<ReturnType<typeof currentOperator>>>;

/** A refusal the operator should read (not a fault). */
class OperatorRefusal extends Error {}

/** The console's one guard: a signed-in platform operator (re-checked on every call), then zod. */
function operatorAction<S extends z.ZodType>(schema: S, handler: (input: z.infer<S>, operator: Operator) => Promise<string>) {
  return async (_previous: OperatorActionResult | null, formData: FormData): Promise<OperatorActionResult> => {
    const operator = await currentOperator();
    if (!operator) return { ok: false, formError: "Only AgentCare platform operators can do this. Sign in again as an operator." };
    const raw = Object.fromEntries(
      [...formData.entries()].filter(([key, value]) => !key.startsWith("$ACTION") && typeof value === "string"),
    );
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const { formError, fieldErrors } = issuesToErrors(parsed.error);
      return { ok: false, formError: formError ?? Object.values(fieldErrors)[0]?.[0] ?? "That change is not valid.", fieldErrors };
    }
    try {
      return { ok: true, message: await handler(parsed.data, operator) };
    } catch (err) {
      if (err instanceof OperatorRefusal) return { ok: false, formError: err.message };
      logger.error({ err, operatorId: operator.id }, "operator action failed");
      return { ok: false, formError: "The change could not be saved. Please try again." };
    }
  };
}

const organizationChange = z
  .object({
    organizationId: z.uuid("Choose an organization."),
    plan: z.enum(["basic", "professional", "enterprise"], "Choose basic, professional or enterprise.").optional(),
    status: z.enum(["active", "suspended"], "Choose active or suspended.").optional(),
    subscriptionStatus: z.enum(["active", "past_due", "cancelled"], "Choose active, past due or cancelled.").optional(),
  })
  .refine((c) => c.plan || c.status || c.subscriptionStatus, "Change the plan, the status or the subscription status.");

/** Plan, suspension and subscription status of one organization (payment itself happens outside AgentCare). */
export const updateOrganizationAction = operatorAction(organizationChange, async ({ organizationId, ...patch }, operator) => {
  const [row] = await withPlatform((tx) =>
    tx
      .update(organizations)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(organizations.id, organizationId))
      .returning({ id: organizations.id, name: organizations.name }),
  );
  if (!row) throw new OperatorRefusal("That organization no longer exists.");
  // Tenant lookups are cached by slug, host and id: drop them so the change applies on the next request.
  invalidatePrefix(platformKey("org-"));
  revalidatePath("/admin");
  logger.info({ operatorId: operator.id, organizationId, change: patch }, "operator changed an organization");
  const parts = [
    patch.status === "suspended" ? "suspended" : patch.status === "active" ? "reactivated" : null,
    patch.plan ? `plan ${patch.plan}` : null,
    patch.subscriptionStatus ? `subscription ${patch.subscriptionStatus.replace("_", " ")}` : null,
  ].filter(Boolean);
  return `${row.name}: ${parts.join(", ")}.`;
});
