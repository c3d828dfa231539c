import { intakeFormSchema } from "@/lib/intake/schemas";
import { intakeFormFor, setIntakeForm } from "@/lib/intake/service";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET — the questions a visit of this type asks (an empty list when it has no form).
export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await intakeFormFor(ctx, idFrom(params, "id", "appointment_type")),
}));

// PUT — replaces the form as a whole; questions keep their ids when sent back with them.
export const PUT = tenantRoute({ permission: "settings:manage", body: intakeFormSchema }, async ({ params, body, ctx }) => ({
  data: await setIntakeForm(ctx, idFrom(params, "id", "appointment_type"), body),
}));
