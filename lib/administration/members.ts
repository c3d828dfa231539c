import "server-only";
import { assertCanAddUser } from "@/lib/billing/limits";
import type { Membership, MemberRole } from "@/lib/db/schema";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";

/** A membership with a role, within the plan's user limit (organizationService.addUser). */
export async function addMember(orgId: string, userId: string, role: MemberRole, tx?: TenantTx): Promise<Membership> {
  if (!["owner", "admin", "clinician", "staff"].includes(role))
    throw new ValidationError("Choose owner, admin, clinician or staff.", undefined, "invalid:role");
  // An unknown user id fails the memberships → users foreign key: NotFoundError("user").
  const run = async (ttx: TenantTx) => {
    await assertCanAddUser(ttx, orgId);
    return membershipsRepo(ttx, orgId).add({ userId, role });
  };
  return tx ? run(tx) : withTenant(orgId, run);
}
