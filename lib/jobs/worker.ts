import "server-only";
import { and, eq, gt, inArray, lte, notExists, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { appointments, notifications, waitlistEntries, waitlistOffers } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { logger } from "@/lib/observability/logger";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { holdsRepo } from "@/lib/scheduling/holds-repository";
import { queueAppointmentEmail } from "@/lib/scheduling/notify";
import { config } from "@/lib/config/env";
import { mailbox, oneLine } from "@/lib/notifications/compose";
import { outboxRepo, type ClaimedNotification } from "@/lib/notifications/outbox-repository";
import { CHANGEABLE_STATUSES } from "@/lib/scheduling/status";
import { accountOutbox } from "@/lib/auth/account-mail";
import { sealOrganization } from "@/lib/audit/sealer";
import { scheduledChainVerification } from "@/lib/audit/console";
import { anchorOrganization, anchorSettings } from "@/lib/audit/anchor-store";
import { tryJobLock } from "./job-lock";
import { deliverSms, queueSmsReminders, releaseUnconfirmed } from "@/lib/sms/jobs";
import type { SendSms } from "@/lib/sms/twilio-client";
import { deliverAlertWebhooks, flushDueAlerts, requeueStaleAlertWebhooks } from "@/lib/security/alerts";

export type OutgoingMail = { from: string; to: string; subject: string; text: string; ics: string | null };
export type SendMail = (mail: OutgoingMail) => Promise<void>;

/** One plain address: a stored value with a comma, brackets or spaces could name more recipients. */
const SINGLE_ADDRESS = /^[^\s@,;:<>()"\\[\]]+@[^\s@,;:<>()"\\[\]]+$/;

export class RecipientError extends Error {
  constructor() {
    super("The recipient is not a single e-mail address; the message was not sent.");
    this.name = "RecipientError";
  }
}

/**
 * Timeouts well inside the outbox lease's safety margin (see sendMarginMs): a send that starts
 * always ends, one way or the other, before the claim on its message could be taken over.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 30_000 };

export function smtpSender(url: string): SendMail {
  return mailSender(nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }));
}

/** Sends through a nodemailer transport (SMTP in production, a stream in tests). */
export function mailSender(transport: Pick<Transporter, "sendMail">): SendMail {
  return async (mail) => {
    if (!SINGLE_ADDRESS.test(mail.to)) throw new RecipientError();
    // Headers carry no line breaks whatever the outbox row says (nodemailer folds, we flatten
    // first); the body is plain text only.
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: oneLine(mail.subject, 200),
      text: mail.text,
      ...(mail.ics
        ? {
            icalEvent: {
              method: mail.ics.includes("METHOD:CANCEL") ? "CANCEL" : "REQUEST",
              content: mail.ics,
              filename: "appointment.ics",
            },
          }
        : {}),
    });
  };
}

/** Messages claimed per round trip. */
const BATCH = 25;

const REMINDERS = [
  { kind: "reminder_24h" as const, hours: 24 },
  { kind: "reminder_2h" as const, hours: 2 },
];

/** Queues due reminders: once per appointment and kind (a unique index makes reruns harmless). */
async function queueReminders(orgId: string, now: Date): Promise<number> {
  let queued = 0;
  for (const { kind, hours } of REMINDERS) {
    const horizon = new Date(now.getTime() + hours * 3_600_000);
    await withTenant(orgId, async (tx) => {
      if (!(await tryJobLock(tx, orgId, kind))) return;
      const due = await tx
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.organizationId, orgId),
            inArray(appointments.status, [...CHANGEABLE_STATUSES]),
            gt(appointments.startsAt, now),
            lte(appointments.startsAt, horizon),
            // Booked well before the reminder point; a booking made an hour ahead needs no 24 h reminder.
            lte(appointments.createdAt, sql`${appointments.startsAt} - make_interval(hours => ${hours})`),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(notifications)
                .where(
                  and(
                    eq(notifications.organizationId, orgId),
                    eq(notifications.appointmentId, appointments.id),
                    eq(notifications.kind, kind),
                  ),
                ),
            ),
          ),
        )
        .limit(200);
      for (const appointment of due) {
        await queueAppointmentEmail(tx, orgId, appointment, kind);
        queued += 1;
      }
    });
  }
  return queued;
}

/** Expired holds are deleted, and unclaimed waitlist offers past their time expire (the patient waits again). */
async function housekeeping(orgId: string, now: Date): Promise<void> {
  await withTenant(orgId, async (tx) => {
    if (!(await tryJobLock(tx, orgId, "housekeeping"))) return;
    await holdsRepo(tx, orgId).sweepExpired({ now });
    const expired = await tx
      .update(waitlistOffers)
      .set({ status: "expired" })
      .where(and(eq(waitlistOffers.organizationId, orgId), eq(waitlistOffers.status, "open"), lte(waitlistOffers.expiresAt, now)))
      .returning({ entryId: waitlistOffers.entryId });
    if (expired.length) {
      await tx
        .update(waitlistEntries)
        .set({ status: "waiting" })
        .where(
          and(
            eq(waitlistEntries.organizationId, orgId),
            inArray(
              waitlistEntries.id,
              expired.map((e) => e.entryId),
            ),
            eq(waitlistEntries.status, "offered"),
          ),
        );
    }
  });
}

/**
 * A send starts only while at least this much of its claim's lease remains: more than the longest a
 * send can take (SMTP_TIMEOUTS), so a message is never sent by a worker whose claim has passed to
 * another. Claimed messages left over are handed back at once.
 */
export function sendMarginMs(leaseSeconds: number): number {
  return Math.min(90_000, (leaseSeconds * 1000) / 2);
}

type Delivery = { sent: number; failed: number; released: number };

async function deliver(orgId: string, batch: ClaimedNotification[], send: SendMail, now: Date, deadline: number): Promise<Delivery> {
  const branding = await withTenant(orgId, (tx) => organizationRepo(tx, orgId).getBranding());
  const from = mailbox(branding.displayName, config().mailFrom);
  const result: Delivery = { sent: 0, failed: 0, released: 0 };
  for (const [i, message] of batch.entries()) {
    if (performance.now() >= deadline) {
      const rest = batch.slice(i).map((m) => m.id);
      await withTenant(orgId, (tx) => outboxRepo(tx, orgId).release({ ids: rest, claimToken: message.claimToken }));
      result.released = rest.length;
      break;
    }
    try {
      // Outside any transaction: a slow mail server never holds a database connection.
      await send({ from, to: message.toEmail, subject: message.subject, text: message.bodyText, ics: message.icsContent });
    } catch (err) {
      // The outbox row keeps the mail server's answer for the hospital's admins; the log line only
      // its codes (an SMTP reply quotes the recipient's address).
      const error = err instanceof Error ? err.message : String(err);
      logger.warn(
        { organizationId: orgId, notificationId: message.id, attempts: message.attempts, err },
        "mail delivery failed; will retry",
      );
      await withTenant(orgId, (tx) =>
        outboxRepo(tx, orgId).markRetry({ id: message.id, claimToken: message.claimToken, attempts: message.attempts, error, now }),
      );
      result.failed += 1;
      continue;
    }
    const recorded = await withTenant(orgId, (tx) =>
      outboxRepo(tx, orgId).markSent({ id: message.id, claimToken: message.claimToken, now: new Date() }),
    );
    if (!recorded)
      logger.warn({ organizationId: orgId, notificationId: message.id }, "message sent after its claim had passed to another worker");
    result.sent += 1;
  }
  return result;
}

export type WorkerReport = {
  organizations: number;
  remindersQueued: number;
  /** Text reminders queued, visits released unconfirmed, texts sent and failed (retried later). */
  smsQueued: number;
  released: number;
  smsSent: number;
  smsFailed: number;
  sent: number;
  failed: number;
  waiting: number;
  auditRowsSealed: number;
  /** Organizations whose audit chain was verified on schedule in this pass. */
  chainsVerified: number;
  /** Chain heads signed and appended to the anchors in this pass (AUDIT_ANCHOR_DIR). */
  chainsAnchored: number;
  /** Webhook deliveries answered 2xx, and attempts that failed (retried later or given up). */
  webhooksSent: number;
  webhooksFailed: number;
};

/**
 * One pass over every organization: its readers' audit rows sealed into the chain, reminders,
 * housekeeping, visits released unconfirmed, text reminders, then delivery of due texts and e-mails.
 * Without a sender (no SMTP_URL) messages stay in the outbox for admins to see.
 */
export async function runWorkerPass({
  now = new Date(),
  send,
  sendSms = null,
}: {
  now?: Date;
  send: SendMail | null;
  /** Without it (SMS_DELIVERY off) texts wait in the SMS outbox. */
  sendSms?: SendSms | null;
}): Promise<WorkerReport> {
  const leaseSeconds = config().outboxLeaseSeconds;
  const listed = await withPlatform((tx) => platformOrganizations(tx).listIds());
  // Each worker starts at a different organization, so several workers spread over the outbox
  // instead of queueing on the same organization's rows.
  const start = listed.length ? Math.floor(Math.random() * listed.length) : 0;
  const orgIds = [...listed.slice(start), ...listed.slice(0, start)];
  const report: WorkerReport = {
    organizations: orgIds.length,
    remindersQueued: 0,
    smsQueued: 0,
    released: 0,
    smsSent: 0,
    smsFailed: 0,
    sent: 0,
    failed: 0,
    waiting: 0,
    auditRowsSealed: 0,
    chainsVerified: 0,
    chainsAnchored: 0,
    webhooksSent: 0,
    webhooksFailed: 0,
  };
  const anchoring = anchorSettings();
  for (const orgId of orgIds) {
    report.auditRowsSealed += await sealOrganization(orgId);
    if (await scheduledChainVerification(orgId, now, config().auditVerifyEveryHours)) report.chainsVerified += 1;
    if (anchoring && (await anchorOrganization(orgId, now, anchoring))) report.chainsAnchored += 1;
    report.remindersQueued += await queueReminders(orgId, now);
    await housekeeping(orgId, now);
    report.released += await releaseUnconfirmed(orgId, now);
    report.smsQueued += await queueSmsReminders(orgId, now);
    const hooks = await deliverWebhooks(orgId, { now, leaseSeconds });
    report.webhooksSent += hooks.sent;
    report.webhooksFailed += hooks.failed;
    if (sendSms) {
      const sms = await deliverSms(orgId, { send: sendSms, now, leaseSeconds, marginMs: sendMarginMs(leaseSeconds) });
      report.smsSent += sms.sent;
      report.smsFailed += sms.failed;
    }
    if (!send) {
      report.waiting += (await withTenant(orgId, (tx) => outboxRepo(tx, orgId).listRecent({ status: "pending", limit: 1000 }))).length;
      continue;
    }
    for (;;) {
      const deadline = performance.now() + leaseSeconds * 1000 - sendMarginMs(leaseSeconds);
      const batch = await withTenant(orgId, (tx) => outboxRepo(tx, orgId).claimDue({ now, limit: BATCH, leaseSeconds }));
      if (!batch.length) break;
      const delivery = await deliver(orgId, batch, send, now, deadline);
      report.sent += delivery.sent;
      report.failed += delivery.failed;
      if (batch.length < BATCH) break;
    }
  }
  // Security alerts whose window has passed with events still untold, then the operators' webhook.
  await flushDueAlerts(now);
  await requeueStaleAlertWebhooks(new Date(now.getTime() - 10 * 60_000));
  await deliverAlertWebhooks({ now });
  await deliverAccountMessages(report, send, now, leaseSeconds);
  return report;
}

/** Account e-mails (address confirmations, password resets): the platform's own outbox. */
async function deliverAccountMessages(report: WorkerReport, send: SendMail | null, now: Date, leaseSeconds: number): Promise<void> {
  if (!send) {
    report.waiting += await accountOutbox.countPending();
    return;
  }
  const from = mailbox("AgentCare", config().mailFrom);
  for (;;) {
    const deadline = performance.now() + leaseSeconds * 1000 - sendMarginMs(leaseSeconds);
    const batch = await accountOutbox.claimDue({ now, limit: BATCH, leaseSeconds });
    for (const [i, message] of batch.entries()) {
      if (performance.now() >= deadline) {
        await accountOutbox.release({ ids: batch.slice(i).map((m) => m.id), claimToken: message.claimToken });
        break;
      }
      try {
        await send({ from, to: message.toEmail, subject: message.subject, text: message.bodyText, ics: null });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        logger.warn({ accountMessageId: message.id, attempts: message.attempts, err }, "account mail delivery failed; will retry");
        await accountOutbox.markRetry({ id: message.id, claimToken: message.claimToken, attempts: message.attempts, error, now });
        report.failed += 1;
        continue;
      }
      if (!(await accountOutbox.markSent({ id: message.id, claimToken: message.claimToken, now: new Date() }))) {
        logger.warn({ accountMessageId: message.id }, "account message sent after its claim had passed to another worker");
      }
      report.sent += 1;
    }
    if (batch.length < BATCH) break;
  }
}
