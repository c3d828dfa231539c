import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { memberships, organizationSettings, organizationSso, type MemberRole, type Membership } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";
import { reusableRead } from "@/lib/db/reusable";

// Data access only: who may change what (owner rules, the last active owner) is decided by the
// member-administration service (lib/administration/members.ts).
export function membershipsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(memberships.organizationId, orgId);

  return {
    async list(): Promise<Membership[]> {
      return tx.select().from(memberships).where(inOrg).orderBy(asc(memberships.createdAt));
    },

    async findByUser({ userId }: { userId: string }): Promise<Membership | undefined> {
      const [row] = await tx
        .select()
        .from(memberships)
        .where(and(inOrg, eq(memberships.userId, userId)));
      return row;
    },

    /**
     * What authorization needs, in one round trip: the user's role and status here, and whether
     * the organization requires two-factor authentication that this user has not turned on.
     */
    async accessOf({
      userId,
    }: {
      userId: string;
    }): Promise<{ role: MemberRole; status: Membership["status"]; mfaMissing: boolean; ssoRequired: boolean } | undefined> {
      // Every request of a member runs this: built once, run with this organization and user.
      const [row] = await reusableRead(
        tx,
        "membership_access",
        "",
        (db) => {
          const org = sql.placeholder("orgId");
          return db
            .select({
              role: memberships.role,
              status: memberships.status,
              mfaMissing: sql<boolean>`case when coalesce((select ${organizationSettings.requireMfaForStaff} from ${organizationSettings} where ${organizationSettings.organizationId} = ${org}), false) then not public.app_current_user_has_mfa() else false end`,
              ssoRequired: sql<boolean>`coalesce((select ${organizationSso.required} and ${organizationSso.enabled} from ${organizationSso} where ${organizationSso.organizationId} = ${org}), false)`,
            })
            .from(memberships)
            .where(and(eq(memberships.organizationId, org), eq(memberships.userId, sql.placeholder("userId"))));
        },
        { orgId, userId },
      );
      return row ? { ...row, mfaMissing: Boolean(row.mfaMissing), ssoRequired: Boolean(row.ssoRequired) } : undefined;
    },

    /** One membership, locked until the transaction ends. */
    async findForUpdate({ id }: { id: string }): Promise<Membership | undefined> {
      const [row] = await tx
        .select()
        .from(memberships)
        .where(and(inOrg, eq(memberships.id, id)))
        .for("update");
      return row;
    },

    /**
     * The active owners' ids, locked in id order: every change that could leave the organization
     * without an owner takes these first, so two such changes wait for each other (never deadlock).
     */
    async lockActiveOwners(): Promise<string[]> {
      const rows = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(inOrg, eq(memberships.role, "owner"), eq(memberships.status, "active")))
        .orderBy(asc(memberships.id))
        .for("update");
      return rows.map((r) => r.id);
    },

    async add({ userId, role, status = "active" }: { userId: string; role: MemberRole; status?: Membership["status"] }) {
      const [row] = await tx.insert(memberships).values({ organizationId: orgId, userId, role, status }).returning();
      return row!;
    },

    async update({ id, patch }: { id: string; patch: Partial<Pick<Membership, "role" | "status">> }): Promise<Membership> {
      const [row] = await tx
        .update(memberships)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(inOrg, eq(memberships.id, id)))
        .returning();
      if (!row) throw new NotFoundError("member");
      return row;
    },

    async remove({ id }: { id: string }): Promise<void> {
      const rows = await tx
        .delete(memberships)
        .where(and(inOrg, eq(memberships.id, id)))
        .returning({ id: memberships.id });
      if (!rows.length) throw new NotFoundError("member");
    },
  };
}
