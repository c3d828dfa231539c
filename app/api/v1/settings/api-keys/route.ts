import { apiKeyInputSchema } from "@/lib/api-keys/schemas";
import { createApiKey, listApiKeys } from "@/lib/api-keys/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "api_keys:manage" }, async ({ ctx }) => ({ data: await listApiKeys(ctx.tx, ctx.orgId) }));

// POST — the key is in this response only; AgentCare keeps a hash. API keys cannot create keys.
export const POST = tenantRoute({ permission: "api_keys:manage", body: apiKeyInputSchema }, async ({ body, ctx }) => {
  const { key, token } = await createApiKey(ctx.tx, ctx.orgId, {
    ...body,
    createdBy: ctx.actorUserId,
    creator: { kind: ctx.actor.type === "api_key" ? "api_key" : "member", role: ctx.role },
  });
  return Response.json({ data: { ...key, token } }, { status: 201, headers: { "cache-control": "no-store" } });
});
