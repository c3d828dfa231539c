// npm run worker — audit sealing, reminders, housekeeping and e-mail delivery from the outbox, every 30 s
// (`-- --once` for a single pass). Without SMTP_URL, messages stay in the outbox for admins.
// Any number of workers may run at once: outbox messages are claimed under a lease
// (OUTBOX_LEASE_SECONDS), periodic jobs under per-organization advisory locks.
import { closeDb } from "@/lib/db/client";
import { runWorkerPass, smtpSender } from "@/lib/jobs/worker";
import { twilioSender } from "@/lib/sms/twilio-client";
import { outboxStats } from "@/lib/notifications/outbox-repository";
import { config } from "@/lib/config/env";
import { startStatusServer, type WorkerStatus } from "@/lib/jobs/status-server";
import { openScriptDatabase } from "./database";
import { scriptFailure } from "@/lib/observability/safe-error";

async function main() {
  const once = process.argv.includes("--once");
  const db = await openScriptDatabase();
  await db.useRuntimeRole();
  const send = process.env.SMTP_URL ? smtpSender(process.env.SMTP_URL) : null;
  if (!send) console.log("SMTP_URL is not set: e-mails stay in the outbox (visible to admins).");
  const sendSms = config().smsDelivery ? twilioSender() : null;
  if (!sendSms) console.log("SMS_DELIVERY is not true: text messages stay in the SMS outbox.");
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const status: WorkerStatus = { startedAt: new Date(), lastPassAt: null, lastReport: null };
  const port = config().workerStatusPort;
  // Healthy while a pass has completed within three intervals (a pass over many organizations is slower).
  const statusServer = port && !once ? startStatusServer({ port, status, staleAfterMs: 3 * 30_000 + 60_000 }) : null;
  try {
    do {
      const report = await runWorkerPass({ send, sendSms });
      status.lastPassAt = new Date();
      status.lastReport = report;
      console.log(
        `${new Date().toISOString()} worker: ${report.organizations} organizations, ${report.auditRowsSealed} audit rows sealed, ${report.chainsVerified} audit chains verified, ${report.chainsAnchored} anchored, ${report.remindersQueued} reminders queued, ${report.smsQueued} text reminders queued, ${report.released} released unconfirmed, ${report.smsSent} texts sent, ${report.webhooksSent} webhooks delivered (${report.webhooksFailed} attempts failed), ${report.sent} sent, ${report.failed} failed (will retry)${send ? "" : `, ${report.waiting} waiting in the outbox`}`,
      );
      // Queue depth after the pass: counts and an age only, never a message's content.
      const queue = await outboxStats();
      console.log(
        `${new Date().toISOString()} worker: outbox ${queue.pending} pending, oldest ${queue.oldestPendingAgeSeconds ?? "-"} s, ${queue.failed} failed`,
      );
      if (once) break;
      for (let i = 0; i < 30 && !stopping; i++) await new Promise((r) => setTimeout(r, 1000));
    } while (!stopping);
  } finally {
    statusServer?.close();
    await closeDb();
    await db.close();
  }
}

main().catch((err) => {
  console.error("worker failed:", scriptFailure(err));
  process.exitCode = 1;
});
