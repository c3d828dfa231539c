import { intakeSettingsSchema } from "@/lib/intake/schemas";
import { intakeSettings, setIntakeSettings } from "@/lib/intake/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET — whether bookings ask for the patient's insurance: "off", "optional" or "required".
export const GET = tenantRoute({ permission: "appointments:read" }, async ({ ctx }) => ({ data: await intakeSettings(ctx) }));

export const PUT = tenantRoute({ permission: "settings:manage", body: intakeSettingsSchema }, async ({ body, ctx }) => ({
  data: await setIntakeSettings(ctx, body),
}));
