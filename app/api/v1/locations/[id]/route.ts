import { idFrom } from "@/lib/pipeline/params";
import { locationPatchSchema } from "@/lib/locations/schemas";
import { locationById, updateLocation } from "@/lib/locations/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await locationById(ctx, idFrom(params, "id", "location")),
}));

// PATCH — edit or close (active: false) a location; visits booked there keep it, and closing waits
// until no visit is still to come there.
export const PATCH = tenantRoute({ permission: "settings:manage", body: locationPatchSchema }, async ({ params, body, ctx }) => ({
  data: await updateLocation(ctx, idFrom(params, "id", "location"), body),
}));
