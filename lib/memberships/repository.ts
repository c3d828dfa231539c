import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { memberships, type MemberRole, type Membership } from "@/lib/db/schema";
import { ConflictError, NotFoundError } from "@/lib/errors/app-error";

export function membershipsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(memberships.organizationId, orgId);

  const repo = {
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

    async add({ userId, role, status = "active" }: { userId: string; role: MemberRole; status?: Membership["status"] }) {
      const [row] = await tx.insert(memberships).values({ organizationId: orgId, userId, role, status }).returning();
      return row!;
    },

    /** Locks the owner rows, so two concurrent demotions cannot both pass the last-owner check. */
    async countActiveOwners(): Promise<number> {
      const rows = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(inOrg, eq(memberships.role, "owner"), eq(memberships.status, "active")))
        .for("update");
      return rows.length;
    },

    async update({ id, patch }: { id: string; patch: Partial<Pick<Membership, "role" | "status">> }): Promise<Membership> {
      const [current] = await tx
        .select()
        .from(memberships)
        .where(and(inOrg, eq(memberships.id, id)))
        .for("update");
      if (!current) throw new NotFoundError("member");
      const losesOwner =
        current.role === "owner" &&
        current.status === "active" &&
        ((patch.role && patch.role !== "owner") || (patch.status && patch.status !== "active"));
      if (losesOwner && (await repo.countActiveOwners()) <= 1) {
        throw new ConflictError("last_owner", "An organization must keep at least one active owner.");
      }
      const [row] = await tx
        .update(memberships)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(inOrg, eq(memberships.id, id)))
        .returning();
      return row!;
    },

    async remove({ id }: { id: string }): Promise<void> {
      const [current] = await tx
        .select()
        .from(memberships)
        .where(and(inOrg, eq(memberships.id, id)))
        .for("update");
      if (!current) throw new NotFoundError("member");
      if (current.role === "owner" && current.status === "active" && (await repo.countActiveOwners()) <= 1) {
        throw new ConflictError("last_owner", "An organization must keep at least one active owner.");
      }
      await tx.delete(memberships).where(and(inOrg, eq(memberships.id, id)));
    },
  };
  return repo;
}
