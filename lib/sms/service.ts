import "server-only";
import { organizationSiteUrl } from "@/lib/auth/links";
import type { Patient, SmsSettings } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { changeStatus } from "@/lib/scheduling/booking";
import { manageUrl } from "@/lib/scheduling/notify";
import type { MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { confirmedText, helpText, nothingToConfirmText, rescheduleText, startedText, stoppedText, twiml } from "./compose";
import { classifyReply } from "./keywords";
import { toE164 } from "./phone";
import { smsRepo, type SmsSettingsValues } from "./repository";
import type { SmsSettingsPatch } from "./schemas";
import { signatureMatches, type FormPairs } from "./signature";
import { decryptAuthToken, encryptAuthToken } from "./token-crypto";
import type { SmsSettingsView } from "./settings-view";

export type { SmsSettingsView } from "./settings-view";

export const DEFAULT_REMINDER_OFFSETS_HOURS = [48, 2];
export const INBOUND_PATH = "/api/v1/public/sms/inbound";

function view(orgId: string, slug: string, row: SmsSettings | undefined): SmsSettingsView {
  return {
    enabled: row?.enabled ?? false,
    accountSid: row?.accountSid ?? null,
    fromNumber: row?.fromNumber ?? null,
    authTokenSet: Boolean(row?.authTokenEncrypted),
    authTokenReadable: decryptAuthToken(orgId, row?.authTokenEncrypted ?? null) !== null,
    reminderOffsetsHours: row?.reminderOffsetsHours ?? DEFAULT_REMINDER_OFFSETS_HOURS,
    releaseUnconfirmedHours: row?.releaseUnconfirmedHours ?? null,
    inboundUrl: organizationSiteUrl(slug, INBOUND_PATH),
    updatedAt: row?.updatedAt ?? null,
  };
}

export async function getSmsSettings(ctx: ServiceContext): Promise<SmsSettingsView> {
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  return view(ctx.orgId, organization.slug, await smsRepo(ctx.tx, ctx.orgId).getSettings());
}

/** Any subset. Turning texts on needs an account SID, a readable auth token and a sender number. */
export async function updateSmsSettings(ctx: MemberContext, patch: SmsSettingsPatch): Promise<SmsSettingsView> {
  const repo = smsRepo(ctx.tx, ctx.orgId);
  const current = await repo.getSettings();
  const values: SmsSettingsValues = {
    enabled: patch.enabled ?? current?.enabled ?? false,
    accountSid: patch.accountSid ?? current?.accountSid ?? null,
    authTokenEncrypted: patch.authToken ? encryptAuthToken(ctx.orgId, patch.authToken) : (current?.authTokenEncrypted ?? null),
    fromNumber: patch.fromNumber ?? current?.fromNumber ?? null,
    reminderOffsetsHours: [...(patch.reminderOffsetsHours ?? current?.reminderOffsetsHours ?? DEFAULT_REMINDER_OFFSETS_HOURS)].sort(
      (a, b) => b - a,
    ),
    releaseUnconfirmedHours:
      patch.releaseUnconfirmedHours !== undefined ? patch.releaseUnconfirmedHours : (current?.releaseUnconfirmedHours ?? null),
  };
  const fieldErrors: Record<string, string[]> = {};
  if (values.enabled) {
    if (!values.accountSid) fieldErrors.accountSid = ["Enter the Twilio account SID to turn text messages on."];
    if (decryptAuthToken(ctx.orgId, values.authTokenEncrypted) === null)
      fieldErrors.authToken = ["Enter the Twilio auth token to turn text messages on."];
    if (!values.fromNumber) fieldErrors.fromNumber = ["Enter the sender number to turn text messages on."];
  }
  if (values.releaseUnconfirmedHours !== null && values.releaseUnconfirmedHours >= Math.max(...values.reminderOffsetsHours)) {
    fieldErrors.releaseUnconfirmedHours = [
      "Release unconfirmed visits later than the earliest reminder, so patients have time to reply (a smaller number of hours).",
    ];
  }
  if (Object.keys(fieldErrors).length) throw new ValidationError("Please correct the highlighted fields.", fieldErrors);
  const saved = await repo.saveSettings({ values });
  await ctx.audit({
    action: current ? "update" : "create",
    resourceType: "sms_settings",
    resourceId: ctx.orgId,
    // Which settings changed, never the token itself.
    metadata: { changed: Object.keys(patch).sort(), enabled: saved.enabled },
  });
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  return view(ctx.orgId, organization.slug, saved);
}

/** Whether texts may go to this patient: agreed, not stopped, a number that can be texted. */
export function mayText(patient: Pick<Patient, "smsConsentAt" | "smsOptedOutAt" | "phone">): boolean {
  return patient.smsConsentAt !== null && patient.smsOptedOutAt === null && toE164(patient.phone) !== null;
}

export type PatientSmsConsent = { smsOptIn: boolean; smsConsentAt: Date | null; smsOptedOutAt: Date | null };

/**
 * Staff record the patient's agreement to appointment texts (or its withdrawal). A patient who
 * replied STOP is texted again only after replying START: the network blocks the number until then.
 */
export async function setPatientSmsConsent(
  ctx: ServiceContext,
  { id, smsOptIn }: { id: string; smsOptIn: boolean },
): Promise<PatientSmsConsent> {
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id });
  if (smsOptIn && patient.smsOptedOutAt) {
    throw new ConflictError("sms_opted_out", "This patient replied STOP to our texts. They can reply START to receive them again.");
  }
  if (smsOptIn && !toE164(patient.phone)) {
    throw new ValidationError("Add a mobile number to the patient's record first.", {
      smsOptIn: ["Add a mobile number (with its country code outside North America) to the patient's record first."],
    });
  }
  const consentAt = smsOptIn ? (patient.smsConsentAt ?? new Date()) : null;
  const [updated] = await smsRepo(ctx.tx, ctx.orgId).setConsent({ ids: [id], consentAt });
  await ctx.audit({ action: "update", resourceType: "patient", resourceId: id, patientId: id, metadata: { smsConsent: smsOptIn } });
  return { smsOptIn: updated!.smsConsentAt !== null, smsConsentAt: updated!.smsConsentAt, smsOptedOutAt: updated!.smsOptedOutAt };
}

/**
 * Consent given on the booking page for the record the booking made. A number that replied STOP
 * stays stopped until it replies START.
 */
export async function recordBookingSmsConsent(ctx: ServiceContext, patient: Pick<Patient, "id" | "phone">): Promise<void> {
  const phone = toE164(patient.phone);
  if (!phone) return;
  const repo = smsRepo(ctx.tx, ctx.orgId);
  const stopped = (await repo.patientsByPhone({ phone })).find((p) => p.smsOptedOutAt !== null);
  await repo.setConsent({ ids: [patient.id], consentAt: new Date(), optedOutAt: stopped?.smsOptedOutAt ?? null });
  await ctx.audit({
    action: "update",
    resourceType: "patient",
    resourceId: patient.id,
    patientId: patient.id,
    metadata: { smsConsent: true },
  });
}

export type InboundSms = {
  /** The full URL Twilio posted to, as it signed it. */
  url: string;
  params: FormPairs;
  signature: string | null;
};

function refuse(): never {
  throw new ForbiddenError(undefined, "forbidden:sms_signature");
}

/**
 * A patient's reply, posted by Twilio to this hospital's address. Only a request signed with this
 * organization's auth token, for its account and its sender number, is acted on; anything else is
 * refused with nothing changed. Answers TwiML (the reply text, or none).
 */
/** The language of the person behind a number: the one on the most recently updated record with it. */
function readerLanguage(matched: { updatedAt: Date; preferredLanguage: string | null }[]): string | null | undefined {
  return [...matched].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0]?.preferredLanguage;
}

export async function handleInboundSms(ctx: ServiceContext, inbound: InboundSms, now = new Date()): Promise<string> {
  const repo = smsRepo(ctx.tx, ctx.orgId);
  const settings = await repo.getSettings();
  const token = decryptAuthToken(ctx.orgId, settings?.authTokenEncrypted ?? null);
  if (!settings || !token || !signatureMatches(token, inbound.url, inbound.params, inbound.signature)) refuse();
  const field = (name: string) => inbound.params.find(([key]) => key === name)?.[1] ?? "";
  if (field("AccountSid") !== settings.accountSid || toE164(field("To")) !== settings.fromNumber) refuse();
  const from = toE164(field("From"));
  if (!from) return twiml(null);

  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const branding = await organizationRepo(ctx.tx, ctx.orgId).getBranding();
  const name = branding.displayName;
  const intent = classifyReply(field("Body"));

  if (intent === "stop" || intent === "start") {
    const matched = await repo.patientsByPhone({ phone: from });
    const changed =
      intent === "stop"
        ? matched.filter((p) => p.smsOptedOutAt === null)
        : matched.filter((p) => p.smsOptedOutAt !== null || p.smsConsentAt === null);
    await repo.setConsent(
      intent === "stop"
        ? { ids: changed.map((p) => p.id), optedOutAt: now }
        : { ids: changed.map((p) => p.id), optedOutAt: null, consentAt: now },
    );
    if (intent === "stop") await repo.dropPendingTo({ phone: from });
    for (const p of changed) {
      await ctx.audit({
        action: "update",
        resourceType: "patient",
        resourceId: p.id,
        patientId: p.id,
        metadata: { smsConsent: intent === "start", via: "sms_reply" },
      });
    }
    const language = readerLanguage(matched);
    return twiml(intent === "stop" ? stoppedText(name, language) : startedText(name, language));
  }
  if (intent === "help" || intent === "other") return twiml(helpText(name, readerLanguage(await repo.patientsByPhone({ phone: from }))));

  const appointment = await repo.nextRemindedAppointment({ phone: from, now });
  if (!appointment) return twiml(nothingToConfirmText(name, readerLanguage(await repo.patientsByPhone({ phone: from }))));
  const { preferredLanguage } = await patientsRepo(ctx.tx, ctx.orgId).get({ id: appointment.patientId });
  const facts = { organizationName: name, timeZone: organization.timeZone, startsAt: appointment.startsAt, language: preferredLanguage };
  if (intent === "confirm") {
    if (appointment.status === "scheduled") await changeStatus(ctx, { id: appointment.id, to: "confirmed" });
    return twiml(confirmedText(facts));
  }
  const requested = await repo.markRescheduleRequested({ id: appointment.id, at: now });
  await ctx.audit({
    action: "update",
    resourceType: "appointment",
    resourceId: appointment.id,
    patientId: appointment.patientId,
    metadata: { rescheduleRequested: true, via: "sms_reply" },
  });
  return twiml(rescheduleText({ ...facts, manageUrl: manageUrl(organization.slug, ctx.orgId, requested) }));
}
