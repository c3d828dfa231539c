import "server-only";
import { cache } from "react";
import { currentOperator } from "@/lib/auth/operator";
import { memberOrganizations } from "@/lib/auth/switch";
import { authenticate } from "./authenticate";
import { readRequest } from "./request";

export type SignedInUser = {
  id: string;
  email: string;
  name: string;
  operator: boolean;
  /** Signed in through this organization's single sign-on: the one organization the session reaches. */
  ssoOrganizationId: string | null;
};

/**
 * Pages outside a tenant (sign-in, sign-up, the organization picker, the operator console) and
 * tenant pages that only need to know who is signed in: authenticate (session, operator flag).
 * Once per request.
 */
export const signedInUser = cache(async (): Promise<SignedInUser | null> => {
  const caller = await authenticate(await readRequest());
  if (caller.kind !== "user") return null;
  return {
    id: caller.userId,
    email: caller.email ?? "",
    name: caller.name ?? "",
    operator: Boolean(await currentOperator()),
    ssoOrganizationId: caller.ssoOrganizationId ?? null,
  };
});

/** The signed-in user's organizations, for the organization picker and switcher. */
export async function organizationsOfSignedInUser() {
  const user = await signedInUser();
  if (!user) return [];
  const all = await memberOrganizations(user.id);
  // A sign-in through one organization's single sign-on reaches that organization only.
  return user.ssoOrganizationId ? all.filter((m) => m.organizationId === user.ssoOrganizationId) : all;
}
