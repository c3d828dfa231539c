import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { webhookDeliveriesQuerySchema } from "@/lib/webhooks/schemas";
import { listWebhookDeliveries } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "settings:manage", query: webhookDeliveriesQuerySchema }, async ({ params, query, ctx }) =>
  listWebhookDeliveries(ctx, idFrom(params, "id", "webhook_endpoint"), query),
);
