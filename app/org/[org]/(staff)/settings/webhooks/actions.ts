"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/pipeline/tenant-action";
import { idParam } from "@/lib/validation/fields";
import { webhookCreateSchema, webhookDeliveriesQuerySchema, webhookUpdateSchema } from "@/lib/webhooks/schemas";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/lib/webhooks/service";

// Settings → Webhooks: the same services as /api/v1/settings/webhooks, for owners and admins.

export const webhookEndpointsAction = tenantAction(
  { name: "webhooks.list", schema: z.strictObject({}), permission: "settings:manage" },
  async (_input, ctx) => listWebhookEndpoints(ctx),
);

/** A new endpoint: the signing secret is in this answer only. */
export const createWebhookEndpointAction = tenantAction(
  { name: "webhooks.create", schema: webhookCreateSchema, permission: "settings:manage" },
  async (input, ctx) => createWebhookEndpoint(ctx, input),
);

export const updateWebhookEndpointAction = tenantAction(
  { name: "webhooks.update", schema: z.object({ id: idParam, patch: webhookUpdateSchema }), permission: "settings:manage" },
  async ({ id, patch }, ctx) => updateWebhookEndpoint(ctx, id, patch),
);

export const rotateWebhookSecretAction = tenantAction(
  { name: "webhooks.rotate-secret", schema: z.object({ id: idParam }), permission: "settings:manage" },
  async ({ id }, ctx) => rotateWebhookSecret(ctx, id),
);

export const deleteWebhookEndpointAction = tenantAction(
  { name: "webhooks.delete", schema: z.object({ id: idParam }), permission: "settings:manage" },
  async ({ id }, ctx) => deleteWebhookEndpoint(ctx, id),
);

export const webhookDeliveriesAction = tenantAction(
  {
    name: "webhooks.deliveries",
    schema: z.object({ id: idParam }).extend(webhookDeliveriesQuerySchema.shape),
    permission: "settings:manage",
  },
  async ({ id, ...query }, ctx) => listWebhookDeliveries(ctx, id, query),
);

export const replayWebhookDeliveryAction = tenantAction(
  { name: "webhooks.replay", schema: z.object({ id: idParam, deliveryId: idParam }), permission: "settings:manage" },
  async ({ id, deliveryId }, ctx) => replayWebhookDelivery(ctx, id, deliveryId),
);
