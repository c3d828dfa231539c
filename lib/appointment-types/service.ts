import "server-only";
import type { AppointmentType } from "@/lib/db/schema";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { appointmentTypesRepo, type AppointmentTypeInput } from "./repository";

// Appointment types: what the staff screens' actions and the /api/v1/appointment-types handlers
// both call. A name is unique within the organization (conflict:appointment_type_name).

/** The organization's types by name, inactive ones included unless `activeOnly`. */
export async function listAppointmentTypes(
  ctx: ServiceContext,
  { activeOnly = false }: { activeOnly?: boolean } = {},
): Promise<AppointmentType[]> {
  return appointmentTypesRepo(ctx.tx, ctx.orgId).list({ activeOnly });
}

export async function appointmentTypeById(ctx: ServiceContext, id: string): Promise<AppointmentType> {
  return appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id });
}

export async function createAppointmentType(ctx: ServiceContext, input: AppointmentTypeInput): Promise<AppointmentType> {
  return appointmentTypesRepo(ctx.tx, ctx.orgId).create({ input });
}

export async function updateAppointmentType(
  ctx: ServiceContext,
  id: string,
  patch: Partial<AppointmentTypeInput>,
): Promise<AppointmentType> {
  return appointmentTypesRepo(ctx.tx, ctx.orgId).update({ id, patch });
}
