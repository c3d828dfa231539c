import { z } from "zod";
import { createApiKey, listApiKeys } from "@/lib/api-keys/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  name: z.string().trim().min(1, "Name the key after what uses it.").max(80),
  role: z.enum(["admin", "clinician", "staff"], "Choose admin, clinician or staff."),
});

export const GET = tenantRoute({ permission: "api_keys:manage" }, async ({ ctx }) => ({ data: await listApiKeys(ctx.tx, ctx.orgId) }));

// POST — the key is in this response only; AgentCare keeps a hash.
export const POST = tenantRoute({ permission: "api_keys:manage", body: bodySchema }, async ({ body, ctx }) => {
  const { key, token } = await createApiKey(ctx.tx, ctx.orgId, { name: body.name, role: body.role, createdBy: ctx.actorUserId });
  return Response.json({ data: { ...key, token } }, { status: 201, headers: { "cache-control": "no-store" } });
});
