import "server-only";
import { and, eq, gt, inArray, lte, notExists, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Notification } from "@/lib/db/schema";
import { appointments, notifications, waitlistEntries, waitlistOffers } from "@/lib/db/schema";
import { withPlatform, withTenant } from "@/lib/db/tenant";
import { logger } from "@/lib/observability/logger";
import { organizationRepo } from "@/lib/organizations/repository";
import { platformOrganizations } from "@/lib/organizations/platform-repository";
import { holdsRepo } from "@/lib/scheduling/holds-repository";
import { queueAppointmentEmail } from "@/lib/scheduling/notify";
import { config } from "@/lib/config/env";
import { mailbox, oneLine } from "@/lib/notifications/compose";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { CHANGEABLE_STATUSES } from "@/lib/scheduling/status";
import { accountOutbox } from "@/lib/auth/account-mail";
import { sealOrganization } from "@/lib/audit/sealer";
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

export function smtpSender(url: string): SendMail {
  return mailSender(nodemailer.createTransport(url));
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

async function deliver(orgId: string, batch: Notification[], send: SendMail, now: Date) {
  const branding = await withTenant(orgId, (tx) => organizationRepo(tx, orgId).getBranding());
  const from = mailbox(branding.displayName, config().mailFrom);
  let sent = 0;
  for (const message of batch) {
    try {
      // Outside any transaction: a slow mail server never holds a database connection.
      await send({ from, to: message.toEmail, subject: message.subject, text: message.bodyText, ics: message.icsContent });
      await withTenant(orgId, (tx) => outboxRepo(tx, orgId).markSent({ id: message.id, now: new Date() }));
      sent += 1;
    } catch (err) {
      // The outbox row keeps the mail server's answer for the hospital's admins; the log line only
      // its codes (an SMTP reply quotes the recipient's address).
      const error = err instanceof Error ? err.message : String(err);
      logger.warn(
        { organizationId: orgId, notificationId: message.id, attempts: message.attempts, err },
        "mail delivery failed; will retry",
      );
      await withTenant(orgId, (tx) => outboxRepo(tx, orgId).markRetry({ id: message.id, attempts: message.attempts, error, now }));
    }
  }
  return sent;
}

export type WorkerReport = {
  organizations: number;
  remindersQueued: number;
  sent: number;
  failed: number;
  waiting: number;
  auditRowsSealed: number;
};

/**
 * One pass over every organization: its readers' audit rows sealed into the chain, reminders,
 * housekeeping, then delivery of due messages.
 * Without a sender (no SMTP_URL) messages stay in the outbox for admins to see.
 */
export async function runWorkerPass({ now = new Date(), send }: { now?: Date; send: SendMail | null }): Promise<WorkerReport> {
  const orgIds = await withPlatform((tx) => platformOrganizations(tx).listIds());
  const report: WorkerReport = { organizations: orgIds.length, remindersQueued: 0, sent: 0, failed: 0, waiting: 0, auditRowsSealed: 0 };
  for (const orgId of orgIds) {
    report.auditRowsSealed += await sealOrganization(orgId);
    report.remindersQueued += await queueReminders(orgId, now);
    await housekeeping(orgId, now);
    if (!send) {
      report.waiting += (await withTenant(orgId, (tx) => outboxRepo(tx, orgId).listRecent({ status: "pending", limit: 1000 }))).length;
      continue;
    }
    await withTenant(orgId, (tx) => outboxRepo(tx, orgId).requeueStale({ olderThan: new Date(now.getTime() - 10 * 60_000) }));
    for (;;) {
      const batch = await withTenant(orgId, (tx) => outboxRepo(tx, orgId).claimDue({ now, limit: 25 }));
      if (!batch.length) break;
      const sent = await deliver(orgId, batch, send, now);
      report.sent += sent;
      report.failed += batch.length - sent;
      if (batch.length < 25) break;
    }
  }
  // Security alerts whose window has passed with events still untold, then the operators' webhook.
  await flushDueAlerts(now);
  await requeueStaleAlertWebhooks(new Date(now.getTime() - 10 * 60_000));
  await deliverAlertWebhooks({ now });
  await deliverAccountMessages(report, send, now);
  return report;
}

/** Account e-mails (address confirmations, password resets): the platform's own outbox. */
async function deliverAccountMessages(report: WorkerReport, send: SendMail | null, now: Date): Promise<void> {
  if (!send) {
    report.waiting += await accountOutbox.countPending();
    return;
  }
  const from = mailbox("AgentCare", config().mailFrom);
  for (;;) {
    const batch = await accountOutbox.claimDue({ now, limit: 25 });
    for (const message of batch) {
      try {
        await send({ from, to: message.toEmail, subject: message.subject, text: message.bodyText, ics: null });
        await accountOutbox.markSent({ id: message.id, now: new Date() });
        report.sent += 1;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        logger.warn({ accountMessageId: message.id, attempts: message.attempts, err }, "account mail delivery failed; will retry");
        await accountOutbox.markRetry({ id: message.id, attempts: message.attempts, error, now });
        report.failed += 1;
      }
    }
    if (batch.length < 25) break;
  }
}
