import { locationInputSchema } from "@/lib/locations/schemas";
import { createLocation, listLocations } from "@/lib/locations/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET — the organization's locations, oldest first (the first active one is the main location).
export const GET = tenantRoute({ permission: "appointments:read" }, async ({ ctx }) => ({
  data: await listLocations(ctx),
  nextCursor: null,
}));

export const POST = tenantRoute({ permission: "settings:manage", body: locationInputSchema }, async ({ body, ctx }) => {
  const row = await createLocation(ctx, body);
  return Response.json({ data: row }, { status: 201 });
});
