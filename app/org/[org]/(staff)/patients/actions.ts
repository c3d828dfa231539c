"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { patientInputSchema, patientPatchSchema, patientSearchSchema } from "@/lib/patients/schemas";
import { createPatient, searchPatients, updatePatient } from "@/lib/patients/service";
import { patientRecord } from "@/lib/scheduling/patient-history";
import { idParam } from "@/lib/validation/fields";
import { setPatientSmsConsent } from "@/lib/sms/service";
import { patientAccessHistory } from "@/lib/audit/console";
import { patientAccessSchema } from "@/lib/audit/schemas";

/** Search by name, date of birth, MRN, e-mail or phone; one page at a time. */
export const searchPatientsAction = tenantAction(
  { name: "patients.search", schema: patientSearchSchema, permission: "patients:read" },
  async (input, ctx) => searchPatients(ctx, input),
);

/** A patient's record with upcoming and past appointments (audited). */
export const patientRecordAction = tenantAction(
  { name: "patients.record", schema: z.object({ id: idParam }), permission: "patients:read" },
  async ({ id }, ctx) => patientRecord(ctx, id),
);

export const createPatientAction = tenantAction(
  { name: "patients.create", schema: patientInputSchema, permission: "patients:write" },
  async (input, ctx) => createPatient(ctx, input),
);

export const updatePatientAction = tenantAction(
  { name: "patients.update", schema: patientPatchSchema.extend({ id: idParam }), permission: "patients:write" },
  async ({ id, ...patch }, ctx) => updatePatient(ctx, id, patch),
);

/** The patient's agreement to appointment texts, as told to staff (or its withdrawal). */
export const setPatientSmsConsentAction = tenantAction(
  {
    name: "patients.sms_consent",
    schema: z.object({ id: idParam, smsOptIn: z.boolean("Say true or false.") }),
    permission: "patients:write",
  },
  async ({ id, smsOptIn }, ctx) => setPatientSmsConsent(ctx, { id, smsOptIn }),
);

/** Who opened this chart: every access to the patient's data, newest first (the look is recorded). */
export const patientAccessAction = tenantAction(
  { name: "patients.access_log", schema: patientAccessSchema.extend({ id: idParam }), permission: "audit:read" },
  async ({ id, ...page }, ctx) => patientAccessHistory(ctx, id, page, ctx.organization.timeZone),
);
