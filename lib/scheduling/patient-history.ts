import "server-only";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { patientsRepo } from "@/lib/patients/repository";
import { appointmentsRepo } from "./appointments-repository";
import { holdsTime } from "./status";

/** A patient's record with upcoming and past appointments (audited as one view of the patient). */
export async function patientRecord(ctx: ServiceContext, id: string) {
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id });
  const all = await appointmentsRepo(ctx.tx, ctx.orgId).listDetailed({ patientId: id, limit: 1000 });
  const now = Date.now();
  const upcoming = all.filter((a) => a.startsAt.getTime() >= now && holdsTime(a.status));
  const past = all.filter((a) => a.startsAt.getTime() < now).reverse();
  await ctx.audit({ action: "view", resourceType: "patient", resourceId: id, patientId: id });
  return { ...patient, upcomingAppointments: upcoming, pastAppointments: past };
}

export type PatientRecord = Awaited<ReturnType<typeof patientRecord>>;
export type PatientAppointment = PatientRecord["upcomingAppointments"][number];
