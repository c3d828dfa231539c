import { z } from "zod";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { setPatientSmsConsent } from "@/lib/sms/service";

export const dynamic = "force-dynamic";

const body = z.object({ smsOptIn: z.boolean("Say true or false.") });

// PUT /api/v1/patients/{id}/sms-consent — record the patient's agreement to appointment texts, or its withdrawal.
export const PUT = tenantRoute({ permission: "patients:write", body }, async ({ params, body, ctx }) => ({
  data: await setPatientSmsConsent(ctx, { id: idFrom(params, "id", "patient"), smsOptIn: body.smsOptIn }),
}));
