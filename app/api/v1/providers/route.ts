import { z } from "zod";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import { limitSchema } from "@/lib/validation/fields";
import { providerInputSchema } from "@/lib/providers/schemas";
import { providersRepo } from "@/lib/providers/repository";
import { createProvider } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

const listSchema = z.object({
  active: z.enum(["true", "false"]).optional(),
  limit: limitSchema,
  cursor: z.string().max(500).optional(),
});

export const GET = tenantRoute({ permission: "providers:read", query: listSchema }, async ({ query, ctx }) => {
  const after = decodeCursor<{ name: string; id: string }>(query.cursor, ["name", "id"]);
  const rows = await providersRepo(ctx.tx, ctx.orgId).list({ activeOnly: query.active === "true", after, limit: query.limit + 1 });
  return page(rows, query.limit, (r) => ({ name: r.name, id: r.id }));
});

export const POST = tenantRoute({ permission: "providers:manage", body: providerInputSchema }, async ({ body, ctx }) => {
  const provider = await createProvider(ctx, body);
  return Response.json({ data: provider }, { status: 201 });
});
