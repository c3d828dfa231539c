import { providerInputSchema, providerListQuerySchema } from "@/lib/providers/schemas";
import { createProvider, listProviders } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "providers:read", query: providerListQuerySchema }, async ({ query, ctx }) =>
  listProviders(ctx, { activeOnly: query.active === "true", limit: query.limit, cursor: query.cursor }),
);

export const POST = tenantRoute({ permission: "providers:manage", body: providerInputSchema }, async ({ body, ctx }) => {
  const provider = await createProvider(ctx, body);
  return Response.json({ data: provider }, { status: 201 });
});
