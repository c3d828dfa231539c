import { hasFeature } from "@/lib/billing/plans";
import type { OrganizationPlan } from "@/lib/db/schema/enum-values";

// When video visits are offered, in one place: the organization turned them on and its plan pays
// for them; a type must allow them and a provider must offer them. Pure and client-safe.

export function telehealthAvailable({ plan, enableTelehealth }: { plan: OrganizationPlan; enableTelehealth: boolean }): boolean {
  return enableTelehealth && hasFeature(plan, "telehealth");
}

/** A video visit of this type (with this provider, when one is named). */
export function telehealthOffered(
  organization: { plan: OrganizationPlan; enableTelehealth: boolean },
  type: { telehealthAllowed: boolean },
  provider?: { offersTelehealth: boolean },
): boolean {
  return telehealthAvailable(organization) && type.telehealthAllowed && (provider ? provider.offersTelehealth : true);
}
