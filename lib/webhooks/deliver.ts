import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { memberDirectory } from "@/lib/administration/member-directory";
import { enqueueAccountMessage } from "@/lib/auth/account-mail";
import { config } from "@/lib/config/env";
import { leasedQueue, type Claimed } from "@/lib/db/leased-queue";
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { logger } from "@/lib/observability/logger";
import { organizationRepo } from "@/lib/organizations/repository";
import { signedWebhookHeaders } from "@/lib/security/alerts";
import { WEBHOOK_DISABLE_AFTER, WEBHOOK_MAX_ATTEMPTS } from "./events";
import { decryptWebhookSecret } from "./secret";
import { messageIdOf } from "./service";
import { postWebhook, type PostResult } from "./target";

// The worker's side of webhooks: an organization's due deliveries claimed (SKIP LOCKED, leased, as
// e-mails are), each signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`,
// `webhook-signature`) and posted. A 2xx answer delivers it; anything else is retried with backoff
// (1, 2, 4 … minutes) up to WEBHOOK_MAX_ATTEMPTS, then given up. WEBHOOK_DISABLE_AFTER deliveries
// given up in a row turn the endpoint off and tell the organization's owners and admins by e-mail.

export type PostDelivery = (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;

const BATCH = 20;

function defaultPost(): PostDelivery {
  const allowPrivate = config().webhookAllowPrivateTargets;
  return (url, headers, body) => postWebhook(url, headers, body, { allowPrivate });
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function attempt(delivery: WebhookDelivery, endpoint: WebhookEndpoint | undefined, post: PostDelivery, now: Date): Promise<Outcome> {
  if (!endpoint) return { ok: false, status: null, error: "the endpoint was removed" };
  if (!endpoint.enabled) return { ok: false, status: null, error: "the endpoint is turned off" };
  const secret = decryptWebhookSecret(delivery.organizationId, endpoint.secretEncrypted);
  if (!secret) return { ok: false, status: null, error: "the endpoint's signing secret cannot be read; rotate it" };
  const body = JSON.stringify(delivery.payload);
  try {
    const { status } = await post(endpoint.url, signedWebhookHeaders(secret, messageIdOf(delivery), now, body), body);
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, status, error: `the receiver answered ${status}` };
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).message?.slice(0, 300) || "no answer" };
  }
}

async function tellAdmins(orgId: string, endpoint: WebhookEndpoint, reason: string): Promise<void> {
  const { admins, name } = await withTenant(orgId, async (tx) => {
    const directory = await memberDirectory(tx, orgId);
    const branding = await organizationRepo(tx, orgId).getBranding();
    return {
      admins: directory.members
        .filter((m) => m.status === "active" && (m.role === "owner" || m.role === "admin") && m.email)
        .map((m) => m.email),
      name: branding.displayName,
    };
  });
  const subject = `A webhook endpoint of ${name} was turned off`;
  const bodyText = [
    `AgentCare turned off the webhook endpoint ${endpoint.url} of ${name}: ${reason}.`,
    "",
    "Nothing more is sent to it until an administrator turns it back on in Settings → Webhooks, where every delivery, what the receiver answered, and a way to send it again are listed.",
  ].join("\n");
  await withPlatform(async (tx) => {
    for (const to of admins) await enqueueAccountMessage(tx, { kind: "webhook_disabled", toEmail: to, subject, bodyText });
  });
}

/** One organization's due deliveries, posted. */
export async function deliverWebhooks(
  orgId: string,
  {
    now = new Date(),
    leaseSeconds = config().outboxLeaseSeconds,
    post = defaultPost(),
  }: { now?: Date; leaseSeconds?: number; post?: PostDelivery } = {},
): Promise<{ sent: number; failed: number; disabled: number }> {
  const result = { sent: 0, failed: 0, disabled: 0 };
  const inOrg = eq(webhookDeliveries.organizationId, orgId);
  for (;;) {
    const batch: Claimed<WebhookDelivery>[] = await withTenant(orgId, (tx) =>
      leasedQueue(tx, webhookDeliveries, { scope: inOrg }).claimDue({ now, limit: BATCH, leaseSeconds }),
    );
    if (!batch.length) break;
    const endpointIds = [...new Set(batch.map((d) => d.endpointId))];
    const endpoints = new Map(
      (
        await withTenant(orgId, (tx) =>
          tx
            .select()
            .from(webhookEndpoints)
            .where(and(eq(webhookEndpoints.organizationId, orgId), inArray(webhookEndpoints.id, endpointIds))),
        )
      ).map((e) => [e.id, e]),
    );
    for (const delivery of batch) {
      const endpoint = endpoints.get(delivery.endpointId);
      const outcome = await attempt(delivery, endpoint, post, now);
      const givenUp = !outcome.ok && (delivery.attempts >= WEBHOOK_MAX_ATTEMPTS || !endpoint?.enabled);
      const turnedOff = await withTenant(orgId, async (tx) => {
        const queue = leasedQueue(tx, webhookDeliveries, { scope: inOrg });
        const held = { id: delivery.id, claimToken: delivery.claimToken, now };
        const stillHeld = outcome.ok
          ? await queue.markSent(held)
          : givenUp
            ? (
                await tx
                  .update(webhookDeliveries)
                  .set({ status: "failed", lastError: outcome.error, claimToken: null, leaseExpiresAt: null })
                  .where(and(inOrg, eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.claimToken, delivery.claimToken)))
                  .returning({ id: webhookDeliveries.id })
              ).length > 0
            : await queue.markRetry({ ...held, attempts: delivery.attempts, error: outcome.error });
        if (!stillHeld) return false;
        await tx
          .update(webhookDeliveries)
          .set({ lastStatus: outcome.status, lastAttemptAt: now })
          .where(and(inOrg, eq(webhookDeliveries.id, delivery.id)));
        if (!endpoint) return false;
        if (outcome.ok) {
          await tx
            .update(webhookEndpoints)
            .set({ consecutiveFailures: 0 })
            .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpoint.id)));
          return false;
        }
        if (!givenUp || !endpoint.enabled) return false;
        const [updated] = await tx
          .update(webhookEndpoints)
          .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
          .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpoint.id)))
          .returning();
        if (!updated || !updated.enabled || updated.consecutiveFailures < WEBHOOK_DISABLE_AFTER) return false;
        const reason = `${updated.consecutiveFailures} deliveries in a row failed after ${WEBHOOK_MAX_ATTEMPTS} attempts each (the last: ${outcome.error})`;
        await tx
          .update(webhookEndpoints)
          .set({ enabled: false, disabledAt: now, disabledReason: reason })
          .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpoint.id)));
        return reason;
      });
      if (outcome.ok) result.sent += 1;
      else result.failed += 1;
      if (turnedOff && endpoint) {
        result.disabled += 1;
        endpoint.enabled = false;
        logger.warn({ organizationId: orgId, endpointId: endpoint.id }, "webhook endpoint turned off after repeated failures");
        await tellAdmins(orgId, endpoint, turnedOff);
      }
    }
    if (batch.length < BATCH) break;
  }
  return result;
}
