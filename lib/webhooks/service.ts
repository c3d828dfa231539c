import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { assertFeature } from "@/lib/billing/limits";
import { config } from "@/lib/config/env";
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import type { MemberContext } from "@/lib/tenancy/service-context";
import type { z } from "zod";
import type { webhookCreateSchema, webhookDeliveriesQuerySchema, webhookUpdateSchema } from "./schemas";
import { encryptWebhookSecret, newWebhookSecret } from "./secret";
import { resolvedTargetProblem } from "./target";

// An organization's webhook endpoints (owners and admins, plans with API access): made with a
// signing secret shown once, changed, turned off and on, their secret rotated, removed; each
// endpoint's deliveries listed with what was sent and what the receiver answered, and any of them
// sent again. Every change is audited.

const RESOURCE = "webhook_endpoint";

export type WebhookEndpointView = Omit<WebhookEndpoint, "secretEncrypted" | "organizationId" | "createdBy">;
export type WebhookDeliveryView = Omit<WebhookDelivery, "organizationId" | "claimToken" | "leaseExpiresAt"> & { messageId: string };

function endpointView(row: WebhookEndpoint): WebhookEndpointView {
  const { secretEncrypted: _secret, organizationId: _org, createdBy: _by, ...view } = row;
  return view;
}

export function deliveryView(row: WebhookDelivery): WebhookDeliveryView {
  const { organizationId: _org, claimToken: _claim, leaseExpiresAt: _lease, ...view } = row;
  return { ...view, messageId: messageIdOf(row) };
}

/** The `webhook-id` a receiver sees: the same for every attempt and every replay of one message. */
export function messageIdOf(row: Pick<WebhookDelivery, "id" | "replayOf">): string {
  return `msg_${row.replayOf ?? row.id}`;
}

async function checkedUrl(url: string): Promise<string> {
  const problem = await resolvedTargetProblem(url, config().webhookAllowPrivateTargets);
  if (problem) throw new ValidationError(problem, { url: [problem] }, "invalid:webhook_url");
  return url;
}

async function endpoint(ctx: MemberContext, id: string): Promise<WebhookEndpoint> {
  const [row] = await ctx.tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, ctx.orgId), eq(webhookEndpoints.id, id)));
  if (!row) throw new NotFoundError("webhook_endpoint");
  return row;
}

export async function listWebhookEndpoints(ctx: MemberContext): Promise<WebhookEndpointView[]> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  const rows = await ctx.tx
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, ctx.orgId))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
  return rows.map(endpointView);
}

export async function getWebhookEndpoint(ctx: MemberContext, id: string): Promise<WebhookEndpointView> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  return endpointView(await endpoint(ctx, id));
}

/** A new endpoint; its signing secret is in this answer only. */
export async function createWebhookEndpoint(
  ctx: MemberContext,
  input: z.infer<typeof webhookCreateSchema>,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  const url = await checkedUrl(input.url);
  const secret = newWebhookSecret();
  const [row] = await ctx.tx
    .insert(webhookEndpoints)
    .values({
      organizationId: ctx.orgId,
      url,
      description: input.description,
      eventTypes: input.eventTypes,
      payloadDetail: input.payloadDetail,
      secretEncrypted: encryptWebhookSecret(ctx.orgId, secret),
      createdBy: ctx.actorUserId,
    })
    .returning();
  await ctx.audit({
    action: "create",
    resourceType: RESOURCE,
    resourceId: row!.id,
    metadata: { eventTypes: input.eventTypes, payloadDetail: input.payloadDetail },
  });
  return { endpoint: endpointView(row!), secret };
}

export async function updateWebhookEndpoint(
  ctx: MemberContext,
  id: string,
  patch: z.infer<typeof webhookUpdateSchema>,
): Promise<WebhookEndpointView> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  const current = await endpoint(ctx, id);
  const url = patch.url !== undefined && patch.url !== current.url ? await checkedUrl(patch.url) : undefined;
  const turningOn = patch.enabled === true && !current.enabled;
  const [row] = await ctx.tx
    .update(webhookEndpoints)
    .set({
      ...(url !== undefined ? { url } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.eventTypes !== undefined ? { eventTypes: patch.eventTypes } : {}),
      ...(patch.payloadDetail !== undefined ? { payloadDetail: patch.payloadDetail } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled, disabledAt: patch.enabled ? null : sql`now()` } : {}),
      // Turned back on by a person: the failures that turned it off are forgotten.
      ...(turningOn ? { disabledReason: null, consecutiveFailures: 0 } : {}),
      ...(patch.enabled === false ? { disabledReason: null } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookEndpoints.organizationId, ctx.orgId), eq(webhookEndpoints.id, id)))
    .returning();
  await ctx.audit({ action: "update", resourceType: RESOURCE, resourceId: id, metadata: { changed: Object.keys(patch) } });
  return endpointView(row!);
}

/** A new signing secret (in this answer only); the old one stops working at once. */
export async function rotateWebhookSecret(ctx: MemberContext, id: string): Promise<{ secret: string }> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  await endpoint(ctx, id);
  const secret = newWebhookSecret();
  await ctx.tx
    .update(webhookEndpoints)
    .set({ secretEncrypted: encryptWebhookSecret(ctx.orgId, secret), updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.organizationId, ctx.orgId), eq(webhookEndpoints.id, id)));
  await ctx.audit({ action: "update", resourceType: RESOURCE, resourceId: id, metadata: { rotated: "secret" } });
  return { secret };
}

/** Removes the endpoint and its deliveries (what they carried goes with them). */
export async function deleteWebhookEndpoint(ctx: MemberContext, id: string): Promise<void> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  await endpoint(ctx, id);
  const removed = await ctx.tx
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, ctx.orgId), eq(webhookDeliveries.endpointId, id)))
    .returning({ id: webhookDeliveries.id });
  await ctx.tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.organizationId, ctx.orgId), eq(webhookEndpoints.id, id)));
  await ctx.audit({ action: "delete", resourceType: RESOURCE, resourceId: id, metadata: { deliveries: removed.length } });
}

/** An endpoint's deliveries, newest first: the event, what was sent, attempts, the receiver's last answer. */
export async function listWebhookDeliveries(ctx: MemberContext, id: string, query: z.infer<typeof webhookDeliveriesQuerySchema>) {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  await endpoint(ctx, id);
  const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ["createdAt", "id"]);
  const where = [eq(webhookDeliveries.organizationId, ctx.orgId), eq(webhookDeliveries.endpointId, id)];
  if (after)
    where.push(sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  const rows = await ctx.tx
    .select({
      row: webhookDeliveries,
      cursorAt: sql<string>`to_char(${webhookDeliveries.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => ({ createdAt: r.cursorAt, id: r.row.id }));
  // Payloads may hold patient details (when the endpoint was set to): looking is recorded.
  await ctx.audit({ action: "view", resourceType: "webhook_delivery", resourceId: id, metadata: { shown: result.data.length } });
  return { data: result.data.map((r) => deliveryView(r.row)), nextCursor: result.nextCursor };
}

/** Sends a delivery again, as a new delivery of the same message (same `webhook-id`), now. */
export async function replayWebhookDelivery(ctx: MemberContext, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
  await assertFeature(ctx.tx, ctx.orgId, "api_access");
  const target = await endpoint(ctx, id);
  const [original] = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.organizationId, ctx.orgId), eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.id, deliveryId)),
    );
  if (!original) throw new NotFoundError("webhook_delivery");
  if (!target.enabled) throw new ValidationError("Turn the endpoint on before sending to it again.", undefined, "validation");
  const [copy] = await ctx.tx
    .insert(webhookDeliveries)
    .values({
      organizationId: ctx.orgId,
      endpointId: id,
      eventType: original.eventType,
      payload: original.payload,
      replayOf: original.replayOf ?? original.id,
    })
    .returning();
  await ctx.audit({ action: "create", resourceType: "webhook_delivery", resourceId: copy!.id, metadata: { replayOf: original.id } });
  return deliveryView(copy!);
}
