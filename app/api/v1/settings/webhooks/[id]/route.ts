import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { webhookUpdateSchema } from "@/lib/webhooks/schemas";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage" }, async ({ params, ctx }) => ({
  data: await getWebhookEndpoint(ctx, idFrom(params, "id", "webhook_endpoint")),
}));

export const PATCH = tenantRoute({ permission: "settings:manage", body: webhookUpdateSchema }, async ({ params, body, ctx }) => ({
  data: await updateWebhookEndpoint(ctx, idFrom(params, "id", "webhook_endpoint"), body),
}));

export const DELETE = tenantRoute({ permission: "settings:manage" }, async ({ params, ctx }) => {
  await deleteWebhookEndpoint(ctx, idFrom(params, "id", "webhook_endpoint"));
  return new Response(null, { status: 204 });
});
