import { idFrom } from "@/lib/pipeline/params";
import { revokeApiKey } from "@/lib/api-keys/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const DELETE = tenantRoute({ permission: "api_keys:manage" }, async ({ params, ctx }) => {
  await revokeApiKey(ctx.tx, ctx.orgId, idFrom(params, "keyId", "api_key"));
  return new Response(null, { status: 204 });
});
