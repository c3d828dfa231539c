import { idFrom } from "@/lib/api/params";
import { organizationRepo } from "@/lib/organizations/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import { telehealthUrl } from "@/lib/scheduling/notify";
import { tenantRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => {
  const id = idFrom(params, "id", "appointment");
  const appointment = await appointmentsRepo(ctx.tx, ctx.orgId).get({ id });
  const settings = await organizationRepo(ctx.tx, ctx.orgId).getSettings();
  await ctx.audit({ action: "view", resourceType: "appointment", resourceId: id, patientId: appointment.patientId });
  return { data: { ...appointment, telehealthUrl: telehealthUrl(settings.telehealthBaseUrl, appointment.telehealthRoom) } };
});
