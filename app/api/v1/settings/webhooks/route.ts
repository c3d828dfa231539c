import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/service";
import { webhookCreateSchema } from "@/lib/webhooks/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ ctx }) => ({ data: await listWebhookEndpoints(ctx) }));

// POST — the signing secret is in this response only; AgentCare keeps it encrypted to sign with.
export const POST = tenantRoute({ permission: "settings:manage", body: webhookCreateSchema }, async ({ body, ctx }) => {
  const { endpoint, secret } = await createWebhookEndpoint(ctx, body);
  return Response.json({ data: { ...endpoint, secret } }, { status: 201, headers: { "cache-control": "no-store" } });
});
