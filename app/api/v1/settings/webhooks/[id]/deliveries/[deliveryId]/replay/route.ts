import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { webhookNoInputSchema } from "@/lib/webhooks/schemas";
import { replayWebhookDelivery } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// POST — the delivery's message sent again (same webhook-id), as a new delivery due now.
export const POST = tenantRoute({ permission: "settings:manage", body: webhookNoInputSchema }, async ({ params, ctx }) =>
  Response.json(
    {
      data: await replayWebhookDelivery(ctx, idFrom(params, "id", "webhook_endpoint"), idFrom(params, "deliveryId", "webhook_delivery")),
    },
    { status: 201 },
  ),
);
