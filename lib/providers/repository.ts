import "server-only";
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { providers, type NewProvider, type Provider } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";

export type ProviderInput = Omit<NewProvider, "organizationId" | "id" | "createdAt" | "updatedAt">;

export function providersRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(providers.organizationId, orgId);

  return {
    async list({
      activeOnly = false,
      after,
      limit = 100,
    }: { activeOnly?: boolean; after?: { name: string; id: string }; limit?: number } = {}): Promise<Provider[]> {
      const filters: (SQL | undefined)[] = [inOrg];
      if (activeOnly) filters.push(eq(providers.active, true));
      if (after) filters.push(or(gt(providers.name, after.name), and(eq(providers.name, after.name), gt(providers.id, after.id))));
      return (
        tx
          .select()
          .from(providers)
          .where(and(...filters))
          .orderBy(asc(providers.name), asc(providers.id))
          .limit(limit)
          // Prepared: its text varies only with the two flags above.
          .prepare("providers_list")
          .execute()
      );
    },

    async find({ id }: { id: string }): Promise<Provider | undefined> {
      const [row] = await tx
        .select()
        .from(providers)
        .where(and(inOrg, eq(providers.id, id)));
      return row;
    },

    async get({ id }: { id: string }): Promise<Provider> {
      const row = await this.find({ id });
      if (!row) throw new NotFoundError("provider");
      return row;
    },

    async create({ input }: { input: ProviderInput }): Promise<Provider> {
      const [row] = await tx
        .insert(providers)
        .values({ ...input, email: input.email?.toLowerCase() ?? null, organizationId: orgId })
        .returning();
      return row!;
    },

    async update({ id, patch }: { id: string; patch: Partial<ProviderInput> }): Promise<Provider> {
      const values = { ...patch, updatedAt: new Date() };
      if (patch.email !== undefined) values.email = patch.email?.toLowerCase() ?? null;
      const [row] = await tx
        .update(providers)
        .set(values)
        .where(and(inOrg, eq(providers.id, id)))
        .returning();
      if (!row) throw new NotFoundError("provider");
      return row;
    },

    async deactivate({ id }: { id: string }): Promise<Provider> {
      return this.update({ id, patch: { active: false } });
    },

    async findByUser({ userId }: { userId: string }): Promise<Provider | undefined> {
      const [row] = await tx
        .select()
        .from(providers)
        .where(and(inOrg, eq(providers.userId, userId)));
      return row;
    },
  };
}
