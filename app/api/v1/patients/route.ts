import { createPatient, searchPatients } from "@/lib/patients/service";
import { patientInputSchema, patientSearchSchema } from "@/lib/patients/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/patients?q=&limit=&cursor= — search by name, date of birth, MRN, e-mail or phone.
export const GET = tenantRoute({ permission: "patients:read", query: patientSearchSchema }, async ({ query, ctx }) =>
  searchPatients(ctx, { q: query.q, limit: query.limit, cursor: query.cursor }),
);

// POST /api/v1/patients — register a patient (MRN generated when omitted).
export const POST = tenantRoute({ permission: "patients:write", body: patientInputSchema }, async ({ body, ctx }) => {
  const patient = await createPatient(ctx, body);
  return Response.json({ data: patient }, { status: 201 });
});
