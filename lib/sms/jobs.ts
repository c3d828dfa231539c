import "server-only";
import crypto from "node:crypto";
import { withAuditedTenant } from "@/lib/audit/audited-tenant";
import type { AuditActor } from "@/lib/audit/repository";
import { organizationSiteUrl } from "@/lib/auth/links";
import { withTenant } from "@/lib/db/tenant";
import { tryJobLock } from "@/lib/jobs/job-lock";
import { logger } from "@/lib/observability/logger";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { providersRepo } from "@/lib/providers/repository";
import { cancelAppointment } from "@/lib/scheduling/booking";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { releaseText, reminderText } from "./compose";
import { toE164 } from "./phone";
import { smsRepo, type ClaimedSms } from "./repository";
import { mayText } from "./service";
import { decryptAuthToken } from "./token-crypto";
import { SmsDeliveryError, type SendSms } from "./twilio-client";

// The worker's text-message jobs, per organization: queue due reminders, release visits left
// unconfirmed at the cutoff (offered to the waiting list, the patient told), and send the outbox.

const WORKER: AuditActor = { type: "system", role: "worker" };
const BATCH = 25;

function workerRequest() {
  return { requestId: crypto.randomUUID(), ip: null, userAgent: "agentcare-worker" };
}

/** Queues the reminders due now, once per appointment and offset (a unique index makes reruns harmless). */
export async function queueSmsReminders(orgId: string, now: Date): Promise<number> {
  return withAuditedTenant({ orgId, actor: WORKER, request: workerRequest() }, async (tx, writers) => {
    if (!(await tryJobLock(tx, orgId, "sms_reminders"))) return 0;
    const repo = smsRepo(tx, orgId);
    const settings = await repo.getSettings();
    if (!settings?.enabled) return 0;
    const orgRepo = organizationRepo(tx, orgId);
    const [organization, branding] = [await orgRepo.get(), await orgRepo.getBranding()];
    const offsets = [...settings.reminderOffsetsHours].sort((a, b) => b - a);
    const queued: { id: string; patientId: string | null }[] = [];
    for (const [i, offsetHours] of offsets.entries()) {
      const due = await repo.dueReminders({ offsetHours, laterOffsetHours: offsets[i + 1] ?? 0, now });
      for (const row of due) {
        const toPhone = toE164(row.phone);
        if (!toPhone) continue;
        const message = await repo.enqueue({
          kind: "reminder",
          appointmentId: row.appointment.id,
          patientId: row.appointment.patientId,
          offsetHours,
          toPhone,
          body: reminderText({
            organizationName: branding.displayName,
            timeZone: organization.timeZone,
            startsAt: row.appointment.startsAt,
            providerName: row.providerName,
            typeName: row.typeName,
            language: row.language,
          }),
        });
        if (message) queued.push({ id: message.id, patientId: message.patientId });
      }
    }
    await writers.auditPatients("create", "sms_message", queued);
    return queued.length;
  });
}

/**
 * Visits still unconfirmed at the organization's cutoff are released: cancelled by the system,
 * offered to the waiting list (first claim wins), the patient told by text and e-mail.
 */
export async function releaseUnconfirmed(orgId: string, now: Date): Promise<number> {
  return withAuditedTenant({ orgId, actor: WORKER, request: workerRequest() }, async (tx, writers) => {
    if (!(await tryJobLock(tx, orgId, "sms_release"))) return 0;
    const repo = smsRepo(tx, orgId);
    const settings = await repo.getSettings();
    if (!settings?.enabled || settings.releaseUnconfirmedHours === null) return 0;
    const due = await repo.dueReleases({ cutoffHours: settings.releaseUnconfirmedHours, now });
    if (!due.length) return 0;
    const ctx: ServiceContext = { tx, orgId, actorUserId: null, request: workerRequest(), ...writers };
    const orgRepo = organizationRepo(tx, orgId);
    const [organization, branding] = [await orgRepo.get(), await orgRepo.getBranding()];
    for (const visit of due) {
      const released = await cancelAppointment(ctx, {
        id: visit.id,
        reason: "Not confirmed in time",
        by: "system",
        notify: true,
        offerToWaitlist: true,
      });
      const patient = await patientsRepo(tx, orgId).get({ id: released.patientId });
      const toPhone = toE164(patient.phone);
      if (!toPhone || !mayText(patient)) continue;
      const provider = await providersRepo(tx, orgId).get({ id: released.providerId });
      const type = await appointmentTypesRepo(tx, orgId).get({ id: released.appointmentTypeId });
      const message = await repo.enqueue({
        kind: "release",
        appointmentId: released.id,
        patientId: released.patientId,
        toPhone,
        body: releaseText({
          organizationName: branding.displayName,
          timeZone: organization.timeZone,
          startsAt: released.startsAt,
          providerName: provider.name,
          typeName: type.name,
          bookUrl: organizationSiteUrl(organization.slug, "/book"),
          language: patient.preferredLanguage,
        }),
      });
      if (message) await writers.auditPatients("create", "sms_message", [{ id: message.id, patientId: message.patientId }]);
    }
    return due.length;
  });
}

export type SmsDelivery = { sent: number; failed: number };

/**
 * Sends this organization's due texts with its own Twilio account. A send starts only while its
 * claim's lease has `marginMs` left; leftovers are handed back. Nothing about a message (number,
 * text) is logged, only ids and the provider's status codes.
 */
export async function deliverSms(
  orgId: string,
  { send, now, leaseSeconds, marginMs }: { send: SendSms; now: Date; leaseSeconds: number; marginMs: number },
): Promise<SmsDelivery> {
  const result: SmsDelivery = { sent: 0, failed: 0 };
  const settings = await withTenant(orgId, (tx) => smsRepo(tx, orgId).getSettings());
  const authToken = decryptAuthToken(orgId, settings?.authTokenEncrypted ?? null);
  if (!settings?.enabled || !settings.accountSid || !settings.fromNumber || !authToken) return result;
  const account = { accountSid: settings.accountSid, authToken, from: settings.fromNumber };
  for (;;) {
    const deadline = performance.now() + leaseSeconds * 1000 - marginMs;
    const batch: ClaimedSms[] = await withTenant(orgId, (tx) => smsRepo(tx, orgId).claimDue({ now, limit: BATCH, leaseSeconds }));
    for (const [i, message] of batch.entries()) {
      if (performance.now() >= deadline) {
        await withTenant(orgId, (tx) =>
          smsRepo(tx, orgId).release({ ids: batch.slice(i).map((m) => m.id), claimToken: message.claimToken }),
        );
        return result;
      }
      let providerMessageId: string | null;
      try {
        // Outside any transaction: a slow provider never holds a database connection.
        ({ providerMessageId } = await send({ ...account, to: message.toPhone, body: message.body }));
      } catch (err) {
        const status = err instanceof SmsDeliveryError ? err.status : null;
        const twilioCode = err instanceof SmsDeliveryError ? err.twilioCode : null;
        logger.warn(
          { organizationId: orgId, smsMessageId: message.id, attempts: message.attempts, status, twilioCode },
          "sms delivery failed; will retry",
        );
        const error = err instanceof SmsDeliveryError ? err.message : "The SMS provider could not be reached.";
        await withTenant(orgId, (tx) =>
          smsRepo(tx, orgId).markRetry({ id: message.id, claimToken: message.claimToken, attempts: message.attempts, error, now }),
        );
        result.failed += 1;
        continue;
      }
      const recorded = await withTenant(orgId, async (tx) => {
        const repo = smsRepo(tx, orgId);
        const done = await repo.markSent({ id: message.id, claimToken: message.claimToken, now: new Date() });
        if (done) await repo.noteProviderId({ id: message.id, providerMessageId });
        return done;
      });
      if (!recorded)
        logger.warn({ organizationId: orgId, smsMessageId: message.id }, "sms sent after its claim had passed to another worker");
      result.sent += 1;
    }
    if (batch.length < BATCH) return result;
  }
}
