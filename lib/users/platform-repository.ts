import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { PlatformTx } from "@/lib/db/tenant";
import { memberships, organizations, users, type NewUser, type User } from "@/lib/db/schema";

// Platform reads: sign-in identities and a user's own memberships (the org switcher). The
// memberships rows are visible here only for app.current_user_id (policy memberships_self_read).
export function platformUsers(tx: PlatformTx) {
  return {
    async findByEmail({ email }: { email: string }): Promise<User | undefined> {
      const [row] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
      return row;
    },

    async findById({ id }: { id: string }): Promise<User | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      return row;
    },

    async findManyByIds({ ids }: { ids: string[] }): Promise<Pick<User, "id" | "name" | "email">[]> {
      if (ids.length === 0) return [];
      return tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
    },

    async create({ input }: { input: NewUser }): Promise<User> {
      const [row] = await tx
        .insert(users)
        .values({ ...input, email: input.email.trim().toLowerCase() })
        .returning();
      return row!;
    },

    async setPasswordHash({ id, passwordHash }: { id: string; passwordHash: string }) {
      await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id));
    },

    /** The signed-in user's active memberships; withPlatform must carry that user's id. */
    async listOwnMemberships({ userId }: { userId: string }) {
      return tx
        .select({
          organizationId: organizations.id,
          slug: organizations.slug,
          name: organizations.name,
          status: organizations.status,
          role: memberships.role,
          membershipStatus: memberships.status,
        })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(and(eq(memberships.userId, userId), eq(memberships.status, "active")))
        .orderBy(organizations.name);
    },
  };
}
