"use server";

import { z } from "zod";
import { acceptPatientRecord, listToReconcile, mergePatientRecord } from "@/lib/patients/reconcile";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { idParam } from "@/lib/validation/fields";

/** Online records still to reconcile, each with the hospital's record that has its e-mail (audited). */
export const reconcileListAction = tenantAction(
  { name: "patients.reconcile.list", schema: z.object({}).strict(), permission: "patients:read" },
  async (_input, ctx) => listToReconcile(ctx),
);

/** Folds an online record into the hospital's patient: its appointments and waiting-list entries move there. */
export const mergePatientAction = tenantAction(
  { name: "patients.reconcile.merge", schema: z.object({ id: idParam, intoId: idParam }), permission: "patients:write" },
  async (input, ctx) => mergePatientRecord(ctx, input),
);

/** Keeps an online record as a new patient of the hospital. */
export const acceptPatientAction = tenantAction(
  { name: "patients.reconcile.accept", schema: z.object({ id: idParam }), permission: "patients:write" },
  async (input, ctx) => acceptPatientRecord(ctx, input),
);
