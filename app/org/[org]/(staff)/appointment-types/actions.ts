"use server";

import { appointmentTypeInputSchema, appointmentTypeListSchema, appointmentTypePatchSchema } from "@/lib/appointment-types/schemas";
import { createAppointmentType, listAppointmentTypes, updateAppointmentType } from "@/lib/appointment-types/service";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { idParam } from "@/lib/validation/fields";

/** The organization's appointment types (inactive ones too, unless `activeOnly`). */
export const listAppointmentTypesAction = tenantAction(
  { name: "appointment-types.list", schema: appointmentTypeListSchema, permission: "appointments:read" },
  async (input, ctx) => listAppointmentTypes(ctx, input),
);

export const createAppointmentTypeAction = tenantAction(
  { name: "appointment-types.create", schema: appointmentTypeInputSchema, permission: "settings:manage" },
  async (input, ctx) => createAppointmentType(ctx, input),
);

export const updateAppointmentTypeAction = tenantAction(
  { name: "appointment-types.update", schema: appointmentTypePatchSchema.extend({ id: idParam }), permission: "settings:manage" },
  async ({ id, ...patch }, ctx) => updateAppointmentType(ctx, id, patch),
);
