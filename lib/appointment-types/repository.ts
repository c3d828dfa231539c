import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { appointmentTypes, type AppointmentType, type NewAppointmentType } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";

export type AppointmentTypeInput = Omit<NewAppointmentType, "organizationId" | "id" | "createdAt" | "updatedAt">;

export function appointmentTypesRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(appointmentTypes.organizationId, orgId);

  return {
    async list({ activeOnly = false, onlineOnly = false }: { activeOnly?: boolean; onlineOnly?: boolean } = {}): Promise<
      AppointmentType[]
    > {
      const filters = [inOrg];
      if (activeOnly) filters.push(eq(appointmentTypes.active, true));
      if (onlineOnly) filters.push(eq(appointmentTypes.onlineBookable, true));
      return tx
        .select()
        .from(appointmentTypes)
        .where(and(...filters))
        .orderBy(asc(appointmentTypes.name));
    },

    async get({ id }: { id: string }): Promise<AppointmentType> {
      const [row] = await tx
        .select()
        .from(appointmentTypes)
        .where(and(inOrg, eq(appointmentTypes.id, id)))
        .prepare("appointment_types_get")
        .execute();
      if (!row) throw new NotFoundError("appointment_type");
      return row;
    },

    async create({ input }: { input: AppointmentTypeInput }): Promise<AppointmentType> {
      const [row] = await tx
        .insert(appointmentTypes)
        .values({ ...input, organizationId: orgId })
        .returning();
      return row!;
    },

    async update({ id, patch }: { id: string; patch: Partial<AppointmentTypeInput> }): Promise<AppointmentType> {
      const [row] = await tx
        .update(appointmentTypes)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(inOrg, eq(appointmentTypes.id, id)))
        .returning();
      if (!row) throw new NotFoundError("appointment_type");
      return row;
    },
  };
}
