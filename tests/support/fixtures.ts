import crypto from "node:crypto";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export async function createOrganization(prefix = "hospital") {
  const slug = uniqueSlug(prefix);
  const org = await withPlatform((tx) =>
    platformOrganizations(tx).create({
      input: { name: `Test ${slug}`, slug, type: "hospital", timeZone: "America/New_York" },
    }),
  );
  await withTenant(org.id, async (tx) => {
    const repo = organizationRepo(tx, org.id);
    await repo.getSettings();
    await repo.getBranding();
  });
  return org;
}

export type World = {
  orgId: string;
  providerId: string;
  patientId: string;
  typeId: string;
  appointmentId: string;
};

let counter = 0;

/** An organization with one provider, patient, type and appointment. */
export async function createWorld(prefix: string, startsAt = new Date("2030-03-04T14:00:00Z")): Promise<World> {
  const org = await createOrganization(prefix);
  const n = ++counter;
  return withTenant(org.id, async (tx) => {
    const provider = await providersRepo(tx, org.id).create({
      input: { name: `Dr. ${prefix} ${n}`, licenseNumber: `LIC-${n}`, email: `dr${n}@${prefix}.test` },
    });
    const patient = await patientsRepo(tx, org.id).create({
      input: { mrn: `MRN-${n}`, firstName: "Pat", lastName: `Ient${n}`, dateOfBirth: "1980-01-01", email: `pat${n}@${prefix}.test` },
    });
    const type = await appointmentTypesRepo(tx, org.id).create({ input: { name: "Visit", durationMinutes: 30 } });
    const appointment = await appointmentsRepo(tx, org.id).create({
      input: {
        patientId: patient.id,
        providerId: provider.id,
        appointmentTypeId: type.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      },
    });
    return { orgId: org.id, providerId: provider.id, patientId: patient.id, typeId: type.id, appointmentId: appointment.id };
  });
}
