import { idFrom } from "@/lib/pipeline/params";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { telehealthUrl } from "@/lib/scheduling/notify";
import { allowedTransitions } from "@/lib/scheduling/status";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/appointments/{id} — with patient, provider and type, the telehealth link and the allowed next statuses.
export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => {
  const id = idFrom(params, "id", "appointment");
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id });
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id: appointment.patientId });
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: appointment.providerId });
  const type = await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: appointment.appointmentTypeId });
  await ctx.audit({ action: "view", resourceType: "appointment", resourceId: id, patientId: appointment.patientId });
  return {
    data: {
      ...appointment,
      telehealthUrl: appointment.mode === "telehealth" ? telehealthUrl(settings.telehealthBaseUrl, appointment.telehealthRoom) : null,
      allowedTransitions: allowedTransitions(appointment.status),
      patient: {
        id: patient.id,
        name: `${patient.firstName} ${patient.lastName}`,
        mrn: patient.mrn,
        dateOfBirth: patient.dateOfBirth,
        email: patient.email,
        phone: patient.phone,
      },
      provider: { id: provider.id, name: provider.name },
      appointmentType: { id: type.id, name: type.name, durationMinutes: type.durationMinutes },
    },
  };
});
