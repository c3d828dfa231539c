import { idFrom } from "@/lib/pipeline/params";
import { updatePatient } from "@/lib/patients/service";
import { patientRecord } from "@/lib/scheduling/patient-history";
import { patientPatchSchema } from "@/lib/patients/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/patients/{id} — the record with upcoming and past appointments (audited).
export const GET = tenantRoute({ permission: "patients:read" }, async ({ params, ctx }) => ({
  data: await patientRecord(ctx, idFrom(params, "id", "patient")),
}));

export const PATCH = tenantRoute({ permission: "patients:write", body: patientPatchSchema }, async ({ params, body, ctx }) => ({
  data: await updatePatient(ctx, idFrom(params, "id", "patient"), body),
}));
