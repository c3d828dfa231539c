import "server-only";
import crypto from "node:crypto";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import type { Patient } from "@/lib/db/schema";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { patientsRepo, type PatientInput } from "./repository";

/** A new medical record number when the hospital does not supply one. */
export function generateMrn(): string {
  return `P${crypto.randomInt(10 ** 9, 10 ** 10 - 1)}`;
}

export async function searchPatients(ctx: ServiceContext, { q, limit, cursor }: { q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor<{ lastName: string; firstName: string; id: string }>(cursor, ["lastName", "firstName", "id"]);
  const rows = await patientsRepo(ctx.tx, ctx.orgId).search({ query: q, limit: limit + 1, after });
  const result = page(rows, limit, (r) => ({ lastName: r.lastName, firstName: r.firstName, id: r.id }));
  await ctx.auditPatients(
    "view",
    "patient_search",
    result.data.map((p) => ({ id: p.id, patientId: p.id })),
  );
  return result;
}

export async function createPatient(ctx: ServiceContext, input: Omit<PatientInput, "mrn"> & { mrn?: string | null }): Promise<Patient> {
  const patient = await patientsRepo(ctx.tx, ctx.orgId).create({ input: { ...input, mrn: input.mrn?.trim() || generateMrn() } });
  await ctx.audit({ action: "create", resourceType: "patient", resourceId: patient.id, patientId: patient.id });
  return patient;
}

export async function updatePatient(ctx: ServiceContext, id: string, patch: Partial<PatientInput>): Promise<Patient> {
  const patient = await patientsRepo(ctx.tx, ctx.orgId).update({ id, patch });
  await ctx.audit({ action: "update", resourceType: "patient", resourceId: id, patientId: id, metadata: { fields: Object.keys(patch) } });
  return patient;
}

export type PatientPage = Awaited<ReturnType<typeof searchPatients>>;
