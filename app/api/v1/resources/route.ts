import { resourceInputSchema, resourceListSchema } from "@/lib/locations/schemas";
import { createResource, listResources } from "@/lib/locations/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/resources?locationId=&activeOnly= — rooms and equipment, by name.
export const GET = tenantRoute({ permission: "appointments:read", query: resourceListSchema }, async ({ query, ctx }) => ({
  data: await listResources(ctx, query),
  nextCursor: null,
}));

export const POST = tenantRoute({ permission: "settings:manage", body: resourceInputSchema }, async ({ body, ctx }) => {
  const row = await createResource(ctx, body);
  return Response.json({ data: row }, { status: 201 });
});
