import { intakeSubmissionSchema } from "@/lib/intake/schemas";
import { appointmentIntake, submitAppointmentIntake } from "@/lib/intake/service";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET — the visit's intake form and the answers given (patient data: audited).
export const GET = tenantRoute({ permission: "patients:read" }, async ({ params, ctx }) => ({
  data: await appointmentIntake(ctx, idFrom(params, "id", "appointment")),
}));

// PUT — answers given for the patient (at the desk, by phone), replacing earlier ones.
export const PUT = tenantRoute({ permission: "patients:write", body: intakeSubmissionSchema }, async ({ params, body, ctx }) => ({
  data: await submitAppointmentIntake(ctx, idFrom(params, "id", "appointment"), body),
}));
