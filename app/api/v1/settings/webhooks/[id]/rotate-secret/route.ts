import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { webhookNoInputSchema } from "@/lib/webhooks/schemas";
import { rotateWebhookSecret } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

// POST — a new signing secret, in this response only; the old one stops working at once.
export const POST = tenantRoute({ permission: "settings:manage", body: webhookNoInputSchema }, async ({ params, ctx }) =>
  Response.json(
    { data: await rotateWebhookSecret(ctx, idFrom(params, "id", "webhook_endpoint")) },
    { headers: { "cache-control": "no-store" } },
  ),
);
