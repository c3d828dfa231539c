import "server-only";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { memberDirectory } from "@/lib/administration/member-directory";
import { enqueueAccountMessage } from "@/lib/auth/account-mail";
import { config } from "@/lib/config/env";
import { dueBy, nextAttemptDelayMs } from "@/lib/db/leased-queue";
import { organizations, securityAlertWebhooks, users, type SecurityAlertWebhook } from "@/lib/db/schema";
import { isUuid, withPlatform, withTenant } from "@/lib/db/tenant";
import { beforeExit } from "@/lib/observability/before-exit";
import { logger } from "@/lib/observability/logger";

// Security alerts: the events an operator or a hospital's administrators must hear about without
// reading logs — cross-tenant attempts, bursts of failed sign-ins, API keys used where they do not
// belong, failed tenant resolutions. Each goes to the platform operators (their accounts and
// SECURITY_ALERT_EMAILS) and, when it concerns one organization, to its active owners and admins,
// by e-mail through the account outbox and, when configured, to a signed webhook; digested: the
// first event of a kind in a window notifies at once, later ones in the same window are counted
// and told together when the window has passed (the worker sends those), so no scope gets more
// than one message per kind per SECURITY_ALERT_WINDOW_MINUTES. Messages hold kinds, counts, times
// and request ids — never patient data, credentials or the text a client sent.

export type AlertKind =
  "cross_tenant_access" | "organization_mismatch" | "sign_in_throttled" | "api_key_rejected" | "tenant_resolution_failed";

const DESCRIPTIONS: Record<AlertKind, string> = {
  cross_tenant_access: "attempts to reach another organization's data",
  organization_mismatch: "requests naming one organization while addressed to another",
  sign_in_throttled: "sign-in lockouts after repeated failed passwords or codes",
  api_key_rejected: "API keys presented that are unknown, revoked, expired or used against another organization",
  tenant_resolution_failed: "requests to hosts or organizations that could not be resolved (unknown, unverified or suspended)",
};

export function isAlertKind(kind: string): kind is AlertKind {
  return kind in DESCRIPTIONS;
}

export type AlertEvent = {
  kind: AlertKind;
  /** The organization concerned (its administrators are told too), if any. */
  organizationId?: string | null;
  /** A short machine-readable reason (e.g. "unknown host"), never client-supplied text. */
  reason?: string | null;
  requestId?: string | null;
};

type Digest = { scope: string; kind: AlertKind; organizationId: string | null; events: number; since: Date; until: Date };

function windowMs(): number {
  return config().securityAlertWindowMinutes * 60_000;
}

type Pending = { event: AlertEvent; count: number };
type LocalAlerts = { pending: Map<string, Pending>; timer: NodeJS.Timeout | null; flushing: Promise<void> };
const holder = globalThis as typeof globalThis & { __agentcareAlerts?: LocalAlerts };
const local = (holder.__agentcareAlerts ??= { pending: new Map(), timer: null, flushing: Promise.resolve() });
local.flushing ??= Promise.resolve();
beforeExit("security alert counts", () => flushAlertCounts());

/** How long events are gathered in this process before they are counted in the database. */
export const ALERT_FLUSH_MS = 250;

/**
 * Counts one event. Events are gathered in this process for ALERT_FLUSH_MS and counted in the
 * database together, so a flood of them (a scanner trying host names) costs one statement per
 * kind and scope, not one per request. Never throws and never delays the request that caused it.
 */
export function raiseAlert(event: AlertEvent): void {
  const organizationId = event.organizationId && isUuid(event.organizationId) ? event.organizationId.toLowerCase() : null;
  const key = `${organizationId ?? "platform"}|${event.kind}`;
  const pending = local.pending.get(key);
  if (pending) pending.count += 1;
  else local.pending.set(key, { event: { ...event, organizationId }, count: 1 });
  local.timer ??= setTimeout(() => void flushAlertCounts(), ALERT_FLUSH_MS);
  local.timer.unref?.();
}

/**
 * Counts what this process gathered (the timer's job; tests and shutdown call it to not wait).
 * Flushes run one after another, and the returned promise settles only when every event gathered
 * before the call is counted — including those a timer-started flush was still counting.
 */
export function flushAlertCounts(): Promise<void> {
  if (local.timer) clearTimeout(local.timer);
  local.timer = null;
  const batch = [...local.pending.values()];
  local.pending.clear();
  local.flushing = local.flushing.then(async () => {
    for (const { event, count } of batch) await countAlert(event, count);
  });
  return local.flushing;
}

/**
 * Counts `count` events; when they open a new window (the first of their kind, or the first after
 * the window passed) the alert goes out now with everything counted so far. Never throws: an alert
 * that cannot be recorded is logged.
 */
async function countAlert(event: AlertEvent, count: number): Promise<void> {
  try {
    const organizationId = event.organizationId && isUuid(event.organizationId) ? event.organizationId.toLowerCase() : null;
    const scope = organizationId ? `org:${organizationId}` : "platform";
    const window = `${Math.round(windowMs() / 1000)} seconds`;
    const due = await withPlatform(async (tx) => {
      // The row locked while it is counted and, if its window is open to a message, claimed: two
      // instances counting at once cannot both send.
      const [inserted] = await tx.execute<{ scope: string }>(sql`
        insert into security_alert_digests (scope, kind, about_organization_id, window_started_at, pending_events, first_pending_at, last_event_at, last_notified_at)
        values (${scope}, ${event.kind}, ${organizationId}, now(), 0, null, now(), now())
        on conflict (scope, kind) do nothing
        returning scope`);
      if (inserted) return { events: count, since: new Date(), until: new Date() };
      const [row] = await tx.execute<{ pending_events: number; first_pending_at: Date | null; window_passed: boolean; now: Date }>(sql`
        select pending_events, first_pending_at, window_started_at <= now() - ${window}::interval as window_passed, now() as now
          from security_alert_digests where scope = ${scope} and kind = ${event.kind} for update`);
      if (!row) return null;
      if (row.window_passed) {
        await tx.execute(sql`
          update security_alert_digests
             set window_started_at = now(), pending_events = 0, first_pending_at = null, last_notified_at = now(), last_event_at = now()
           where scope = ${scope} and kind = ${event.kind}`);
        const until = new Date(row.now);
        return { events: Number(row.pending_events) + count, since: row.first_pending_at ? new Date(row.first_pending_at) : until, until };
      }
      await tx.execute(sql`
        update security_alert_digests
           set pending_events = pending_events + ${count}, first_pending_at = coalesce(first_pending_at, now()), last_event_at = now()
         where scope = ${scope} and kind = ${event.kind}`);
      return null;
    });
    if (due) await deliver({ scope, kind: event.kind, organizationId, ...due }, event);
  } catch (err) {
    logger.error({ err, kind: event.kind, requestId: event.requestId }, "could not raise a security alert");
  }
}

/** The worker's side: digests whose window has passed with events still untold, sent now. */
export async function flushDueAlerts(now = new Date()): Promise<number> {
  const at = now.toISOString();
  const window = `${Math.round(windowMs() / 1000)} seconds`;
  const due = await withPlatform((tx) =>
    tx.execute<{ scope: string; kind: string; about_organization_id: string | null; events: number; since: Date }>(sql`
      with due as (
        select scope, kind from security_alert_digests
         where pending_events > 0 and window_started_at <= ${at}::timestamptz - ${window}::interval
         order by window_started_at
         limit 100
         for update skip locked
      ), old as (
        select d.scope, d.kind, d.about_organization_id, d.pending_events, d.first_pending_at
          from security_alert_digests d join due using (scope, kind)
      )
      update security_alert_digests s
         set window_started_at = ${at}::timestamptz, pending_events = 0, first_pending_at = null, last_notified_at = ${at}::timestamptz
        from old
       where s.scope = old.scope and s.kind = old.kind
      returning old.scope, old.kind, old.about_organization_id, old.pending_events as events, old.first_pending_at as since`),
  );
  for (const row of due) {
    if (!isAlertKind(row.kind)) continue;
    await deliver(
      {
        scope: row.scope,
        kind: row.kind,
        organizationId: row.about_organization_id,
        events: Number(row.events),
        since: new Date(row.since),
        until: now,
      },
      null,
    ).catch((err) => logger.error({ err, kind: row.kind }, "could not send a security alert"));
  }
  return due.length;
}

/** Operators (accounts flagged as such, and SECURITY_ALERT_EMAILS); the organization's active owners and admins. */
async function recipients(
  organizationId: string | null,
): Promise<{ operators: string[]; admins: string[]; organizationName: string | null }> {
  const { operators, organizationName } = await withPlatform(async (tx) => {
    const rows = await tx.select({ email: users.email }).from(users).where(eq(users.isPlatformOperator, true));
    const [org] = organizationId
      ? await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId))
      : [];
    return { operators: rows.map((r) => r.email), organizationName: org?.name ?? null };
  });
  let admins: string[] = [];
  if (organizationId && organizationName) {
    const directory = await withTenant(organizationId, (tx) => memberDirectory(tx, organizationId));
    admins = directory.members
      .filter((m) => m.status === "active" && (m.role === "owner" || m.role === "admin") && m.email)
      .map((m) => m.email);
  }
  return { operators: [...new Set([...operators, ...config().securityAlertEmails])], admins, organizationName };
}

function describe(digest: Digest, organizationName: string | null, audience: "operators" | "admins"): { subject: string; body: string } {
  const what = DESCRIPTIONS[digest.kind];
  const where = organizationName ? ` at ${organizationName}` : "";
  const count = digest.events === 1 ? "1 event" : `${digest.events} events`;
  const subject = `AgentCare security alert: ${count} — ${what}${where}`;
  const minutes = config().securityAlertWindowMinutes;
  const lines = [
    `AgentCare recorded ${count}: ${what}${where}.`,
    "",
    `Between ${digest.since.toISOString()} and ${digest.until.toISOString()} (UTC).`,
    "",
    audience === "operators"
      ? "Details (who, from which address, which request) are in the security events of the operator console and in the server logs."
      : "Your AgentCare platform operators have been told as well. If this was not expected, review your members and API keys in Settings.",
    "",
    `You get at most one message of this kind${where} every ${minutes} minutes; further events are counted and sent together.`,
  ];
  return { subject, body: lines.join("\n") };
}

async function deliver(digest: Digest, trigger: AlertEvent | null): Promise<void> {
  const { operators, admins, organizationName } = await recipients(digest.organizationId);
  const webhook = config().securityAlertWebhook;
  await withPlatform(async (tx) => {
    const forOperators = describe(digest, organizationName, "operators");
    for (const to of operators) {
      await enqueueAccountMessage(tx, { kind: "security_alert", toEmail: to, subject: forOperators.subject, bodyText: forOperators.body });
    }
    const forAdmins = describe(digest, organizationName, "admins");
    for (const to of admins.filter((a) => !operators.includes(a))) {
      await enqueueAccountMessage(tx, { kind: "security_alert", toEmail: to, subject: forAdmins.subject, bodyText: forAdmins.body });
    }
    if (webhook) {
      await tx.insert(securityAlertWebhooks).values({
        payload: {
          type: `security.${digest.kind}`,
          timestamp: digest.until.toISOString(),
          data: {
            kind: digest.kind,
            description: DESCRIPTIONS[digest.kind],
            events: digest.events,
            since: digest.since.toISOString(),
            until: digest.until.toISOString(),
            organizationId: digest.organizationId,
            reason: trigger?.reason ?? null,
            requestId: trigger?.requestId ?? null,
          },
        },
      });
    }
  });
  logger.warn({ kind: digest.kind, organizationId: digest.organizationId, events: digest.events }, "security alert sent");
}

/** Signs a webhook body the Standard Webhooks way: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
export function signedWebhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

const MAX_WEBHOOK_ATTEMPTS = 8;

/** The worker's side: due webhook alerts claimed (SKIP LOCKED), posted, marked sent or retried. */
export async function deliverAlertWebhooks({ now = new Date(), post = fetch }: { now?: Date; post?: typeof fetch } = {}): Promise<{
  sent: number;
  failed: number;
}> {
  const webhook = config().securityAlertWebhook;
  if (!webhook) return { sent: 0, failed: 0 };
  const claimed: SecurityAlertWebhook[] = await withPlatform(async (tx) => {
    const due = await tx
      .select({ id: securityAlertWebhooks.id })
      .from(securityAlertWebhooks)
      .where(and(eq(securityAlertWebhooks.status, "pending"), dueBy(securityAlertWebhooks.nextAttemptAt, now)))
      .orderBy(asc(securityAlertWebhooks.nextAttemptAt))
      .limit(20)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    return (
      tx
        .update(securityAlertWebhooks)
        // The claim's time is kept in next_attempt_at: a claim older than the stale bound is a dead worker's.
        .set({ status: "sending", attempts: sql`${securityAlertWebhooks.attempts} + 1`, nextAttemptAt: now })
        .where(
          inArray(
            securityAlertWebhooks.id,
            due.map((d) => d.id),
          ),
        )
        .returning()
    );
  });
  let sent = 0;
  let failed = 0;
  for (const alert of claimed) {
    const body = JSON.stringify(alert.payload);
    let error: string | null = null;
    try {
      const response = await post(webhook.url, {
        method: "POST",
        headers: signedWebhookHeaders(webhook.secret, `msg_${alert.id}`, now, body),
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
    } catch (err) {
      error = (err as Error).name === "TimeoutError" ? "timed out" : "could not connect";
    }
    // Completed only by this claim (its attempt number): a claim re-queued as stale and taken by another worker is theirs.
    const stillOurs = and(
      eq(securityAlertWebhooks.id, alert.id),
      eq(securityAlertWebhooks.status, "sending"),
      eq(securityAlertWebhooks.attempts, alert.attempts),
    );
    await withPlatform((tx) =>
      error === null
        ? tx.update(securityAlertWebhooks).set({ status: "sent", sentAt: now, lastError: null }).where(stillOurs)
        : tx
            .update(securityAlertWebhooks)
            .set({
              status: alert.attempts >= MAX_WEBHOOK_ATTEMPTS ? "failed" : "pending",
              lastError: error,
              nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(alert.attempts)),
            })
            .where(stillOurs),
    );
    if (error === null) sent++;
    else {
      failed++;
      logger.warn({ alertId: alert.id, attempts: alert.attempts, error }, "security alert webhook not delivered");
    }
  }
  return { sent, failed };
}

/** Webhook alerts claimed before `olderThan` and still "sending" (their worker died mid-post) go back to pending. */
export async function requeueStaleAlertWebhooks(olderThan: Date): Promise<void> {
  await withPlatform((tx) =>
    tx
      .update(securityAlertWebhooks)
      .set({ status: "pending" })
      .where(and(eq(securityAlertWebhooks.status, "sending"), lte(securityAlertWebhooks.nextAttemptAt, olderThan))),
  );
}
