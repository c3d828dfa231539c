"use server";

import { appointmentTypeInputSchema, appointmentTypeListSchema, appointmentTypePatchSchema } from "@/lib/appointment-types/schemas";
import { createAppointmentType, listAppointmentTypes, updateAppointmentType } from "@/lib/appointment-types/service";
import { intakeFormSchema, intakeSettingsSchema } from "@/lib/intake/schemas";
import { intakeFormFor, intakeSettings, setIntakeForm, setIntakeSettings } from "@/lib/intake/service";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { z } from "zod";
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

/** The questions a visit of a type asks before it (an empty list when it has none). */
export const intakeFormAction = tenantAction(
  { name: "appointment-types.intake-form", schema: z.object({ id: idParam }), permission: "appointments:read" },
  async ({ id }, ctx) => intakeFormFor(ctx, id),
);

/** Replaces a type's intake form as a whole (audited). */
export const saveIntakeFormAction = tenantAction(
  { name: "appointment-types.intake-form.save", schema: intakeFormSchema.extend({ id: idParam }), permission: "settings:manage" },
  async ({ id, ...form }, ctx) => setIntakeForm(ctx, id, form),
);

/** Whether bookings ask for the patient's insurance. */
export const intakeSettingsAction = tenantAction(
  { name: "intake.settings", schema: z.object({}), permission: "appointments:read" },
  async (_input, ctx) => intakeSettings(ctx),
);

export const saveIntakeSettingsAction = tenantAction(
  { name: "intake.settings.save", schema: intakeSettingsSchema, permission: "settings:manage" },
  async (input, ctx) => setIntakeSettings(ctx, input),
);
