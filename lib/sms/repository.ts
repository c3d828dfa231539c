import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, ne, notExists, sql } from "drizzle-orm";
import { leasedQueue, type Claimed } from "@/lib/db/leased-queue";
import {
  appointments,
  appointmentTypes,
  patients,
  providers,
  smsMessages,
  smsSettings,
  type SmsMessage,
  type SmsSettings,
} from "@/lib/db/schema";
import type { TenantTx } from "@/lib/db/tenant";
import { CHANGEABLE_STATUSES } from "@/lib/scheduling/status";
import type { SmsMessageKind } from "@/lib/db/schema/sms";
import { lastTenDigits, toE164 } from "./phone";

export type ClaimedSms = Claimed<SmsMessage>;
export type SmsSettingsValues = Omit<SmsSettings, "organizationId" | "updatedAt">;

const HOUR_MS = 3_600_000;

export function smsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(smsMessages.organizationId, orgId);
  return {
    // claimDue, markSent, markRetry, release: the leased queue, every statement within this organization.
    ...leasedQueue(tx, smsMessages, { scope: inOrg }),

    async getSettings(): Promise<SmsSettings | undefined> {
      const [row] = await tx.select().from(smsSettings).where(eq(smsSettings.organizationId, orgId));
      return row;
    },

    async saveSettings({ values }: { values: SmsSettingsValues }): Promise<SmsSettings> {
      const [row] = await tx
        .insert(smsSettings)
        .values({ ...values, organizationId: orgId })
        .onConflictDoUpdate({ target: smsSettings.organizationId, set: { ...values, updatedAt: new Date() } })
        .returning();
      return row!;
    },

    /** Queues one text; a second reminder for the same appointment and offset (or release notice) is a no-op. */
    async enqueue(values: {
      kind: SmsMessageKind;
      appointmentId: string | null;
      patientId: string | null;
      offsetHours?: number | null;
      toPhone: string;
      body: string;
    }): Promise<SmsMessage | undefined> {
      const [row] = await tx
        .insert(smsMessages)
        .values({ ...values, offsetHours: values.offsetHours ?? null, organizationId: orgId })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async noteProviderId({ id, providerMessageId }: { id: string; providerMessageId: string | null }): Promise<void> {
      if (!providerMessageId) return;
      await tx
        .update(smsMessages)
        .set({ providerMessageId })
        .where(and(inOrg, eq(smsMessages.id, id)));
    },

    /** A number that replied STOP: what still waits for it is never sent. */
    async dropPendingTo({ phone }: { phone: string }): Promise<number> {
      const dropped = await tx
        .update(smsMessages)
        .set({ status: "failed", lastError: "The patient replied STOP; not sent." })
        .where(and(inOrg, eq(smsMessages.toPhone, phone), eq(smsMessages.status, "pending")))
        .returning({ id: smsMessages.id });
      return dropped.length;
    },

    async listRecent({ limit = 100 }: { limit?: number } = {}) {
      return tx
        .select()
        .from(smsMessages)
        .where(inOrg)
        .orderBy(sql`${smsMessages.createdAt} desc`)
        .limit(limit);
    },

    /** Live patient records whose stored number is this E.164 number (however it was typed). */
    async patientsByPhone({ phone }: { phone: string }) {
      const rows = await tx
        .select()
        .from(patients)
        .where(
          and(
            eq(patients.organizationId, orgId),
            ne(patients.recordStatus, "merged"),
            isNotNull(patients.phone),
            sql`regexp_replace(${patients.phone}, '\\D', '', 'g') like ${`%${lastTenDigits(phone)}`}`,
          ),
        )
        .limit(50);
      return rows.filter((p) => toE164(p.phone) === phone);
    },

    async setConsent({ ids, consentAt, optedOutAt }: { ids: string[]; consentAt?: Date | null; optedOutAt?: Date | null }) {
      if (!ids.length) return [];
      return tx
        .update(patients)
        .set({
          ...(consentAt !== undefined ? { smsConsentAt: consentAt } : {}),
          ...(optedOutAt !== undefined ? { smsOptedOutAt: optedOutAt } : {}),
          updatedAt: new Date(),
        })
        .where(and(eq(patients.organizationId, orgId), inArray(patients.id, ids)))
        .returning();
    },

    /**
     * The next visit this number was reminded of by text: still ahead, still changeable. A reply
     * acts on it and on nothing else.
     */
    async nextRemindedAppointment({ phone, now }: { phone: string; now: Date }) {
      const [row] = await tx
        .select({ appointment: appointments })
        .from(appointments)
        .where(
          and(
            eq(appointments.organizationId, orgId),
            inArray(appointments.status, [...CHANGEABLE_STATUSES]),
            gt(appointments.startsAt, now),
            sql`exists (select 1 from ${smsMessages} m
                         where m.organization_id = ${appointments.organizationId} and m.appointment_id = ${appointments.id}
                           and m.kind = 'reminder' and m.status = 'sent' and m.to_phone = ${phone})`,
          ),
        )
        .orderBy(asc(appointments.startsAt))
        .limit(1)
        .for("update");
      return row?.appointment;
    },

    async markRescheduleRequested({ id, at }: { id: string; at: Date }) {
      const [row] = await tx
        .update(appointments)
        .set({ rescheduleRequestedAt: at, updatedAt: at })
        .where(and(eq(appointments.organizationId, orgId), eq(appointments.id, id)))
        .returning();
      return row!;
    },

    /**
     * Visits due a reminder at `offsetHours`: starting after `now + laterOffsetHours` (a smaller
     * offset's window is that offset's own) and by `now + offsetHours`, booked before the reminder
     * point, of a patient who agreed to texts and did not reply STOP, not yet reminded at this offset.
     */
    async dueReminders({
      offsetHours,
      laterOffsetHours,
      now,
      limit = 200,
    }: {
      offsetHours: number;
      laterOffsetHours: number;
      now: Date;
      limit?: number;
    }) {
      return tx
        .select({
          appointment: appointments,
          phone: patients.phone,
          language: patients.preferredLanguage,
          providerName: providers.name,
          typeName: appointmentTypes.name,
        })
        .from(appointments)
        .innerJoin(patients, and(eq(patients.organizationId, appointments.organizationId), eq(patients.id, appointments.patientId)))
        .innerJoin(providers, and(eq(providers.organizationId, appointments.organizationId), eq(providers.id, appointments.providerId)))
        .innerJoin(
          appointmentTypes,
          and(eq(appointmentTypes.organizationId, appointments.organizationId), eq(appointmentTypes.id, appointments.appointmentTypeId)),
        )
        .where(
          and(
            eq(appointments.organizationId, orgId),
            inArray(appointments.status, [...CHANGEABLE_STATUSES]),
            gt(appointments.startsAt, new Date(now.getTime() + laterOffsetHours * HOUR_MS)),
            lte(appointments.startsAt, new Date(now.getTime() + offsetHours * HOUR_MS)),
            lte(appointments.createdAt, sql`${appointments.startsAt} - make_interval(hours => ${offsetHours})`),
            isNotNull(patients.smsConsentAt),
            isNull(patients.smsOptedOutAt),
            isNotNull(patients.phone),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(smsMessages)
                .where(
                  and(
                    inOrg,
                    eq(smsMessages.appointmentId, appointments.id),
                    eq(smsMessages.kind, "reminder"),
                    eq(smsMessages.offsetHours, offsetHours),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(appointments.startsAt))
        .limit(limit);
    },

    /**
     * Visits still only scheduled (not confirmed) inside the release cutoff whose patient was sent a
     * text reminder due before the cutoff (so they had the chance to reply C).
     */
    async dueReleases({ cutoffHours, now, limit = 50 }: { cutoffHours: number; now: Date; limit?: number }) {
      return tx
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.organizationId, orgId),
            eq(appointments.status, "scheduled"),
            gt(appointments.startsAt, now),
            lte(appointments.startsAt, new Date(now.getTime() + cutoffHours * HOUR_MS)),
            sql`exists (select 1 from ${smsMessages} m
                         where m.organization_id = ${appointments.organizationId} and m.appointment_id = ${appointments.id}
                           and m.kind = 'reminder' and m.status = 'sent' and m.offset_hours > ${cutoffHours})`,
          ),
        )
        .orderBy(asc(appointments.startsAt))
        .limit(limit)
        .for("update", { skipLocked: true });
    },
  };
}
