import "server-only";
import type { Patient } from "@/lib/db/schema";
import { DEFAULT_LANGUAGE, type PatientLanguage } from "@/lib/i18n/locales";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { organizationSiteUrl, signLinkToken, verifyLinkToken } from "@/lib/auth/links";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { patientsRepo } from "./repository";
import { generateMrn } from "./service";

// Anonymous visitors book with whatever details they type. Those details never look up, attach to
// or collide with the hospital's records: each online booking (or waiting-list entry) gets its own
// "unverified" record, which takes no part in e-mail uniqueness, so the answer is the same whether
// the e-mail is unknown, belongs to a patient with other details, or to the very same patient.
// The visitor's confirmation e-mail carries a link; whoever opens it has proven the address, and
// then the record joins the patient with that e-mail (same name and date of birth), becomes the
// hospital's record (nobody has that e-mail), or waits for staff (the details differ). Staff see
// every record still to reconcile and merge it into the right patient or keep it as a new one.

export const CONFIRM_CONTACT_PURPOSE = "confirm-contact";
const CONFIRM_LINK_DAYS = 30;
const INVALID_LINK = "This link is not valid or has expired.";

export type ContactDetails = { firstName: string; lastName: string; dateOfBirth: string; email: string; phone?: string | null };

/** A new unverified record with the visitor's details: the same work whatever the e-mail is. */
export async function recordBookingContact(
  ctx: ServiceContext,
  details: ContactDetails,
  language: PatientLanguage = DEFAULT_LANGUAGE,
): Promise<Patient> {
  const patient = await patientsRepo(ctx.tx, ctx.orgId).create({
    input: {
      mrn: generateMrn(),
      firstName: details.firstName,
      lastName: details.lastName,
      dateOfBirth: details.dateOfBirth,
      email: details.email,
      phone: details.phone ?? null,
      recordStatus: "unverified",
      preferredLanguage: language,
    },
  });
  await ctx.audit({
    action: "create",
    resourceType: "patient",
    resourceId: patient.id,
    patientId: patient.id,
    metadata: { via: "online", recordStatus: "unverified" },
  });
  return patient;
}

/** The link in the confirmation e-mail that proves the visitor's address. */
export function confirmContactUrl(orgSlug: string, orgId: string, patientId: string, now = new Date()): string {
  const token = signLinkToken({
    purpose: CONFIRM_CONTACT_PURPOSE,
    orgId,
    id: patientId,
    expiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000),
  });
  return organizationSiteUrl(orgSlug, `/confirm-email/${token}`);
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase("en") === b.trim().toLocaleLowerCase("en");

function sameDetails(a: Patient, b: Patient): boolean {
  return same(a.firstName, b.firstName) && same(a.lastName, b.lastName) && a.dateOfBirth === b.dateOfBirth;
}

type ReconciledBy = "email_confirmed" | "staff";

/** One audited update of a patient record; `metadata` says what changed and who did it. */
function auditRecordUpdate(ctx: ServiceContext, id: string, metadata: Record<string, unknown>) {
  return ctx.audit({ action: "update", resourceType: "patient", resourceId: id, patientId: id, metadata });
}

/** Moves a record to a new status, audited with who did it. */
async function setStatus(ctx: ServiceContext, id: string, status: "active" | "review", by: ReconciledBy) {
  const row = await patientsRepo(ctx.tx, ctx.orgId).setRecordStatus({ id, status });
  await auditRecordUpdate(ctx, id, { recordStatus: status, by });
  return row;
}

/** Folds `source` into `target`: its bookings move, it is marked merged (kept: the audit trail names it). */
async function fold(ctx: ServiceContext, source: Patient, target: Patient, by: ReconciledBy) {
  const repo = patientsRepo(ctx.tx, ctx.orgId);
  const moved = await repo.moveBookings({ fromId: source.id, toId: target.id });
  // The language of the latest online booking is the one the patient reads now.
  if (source.preferredLanguage !== target.preferredLanguage) {
    await repo.setPreferredLanguage({ id: target.id, language: source.preferredLanguage });
  }
  await repo.setRecordStatus({ id: source.id, status: "merged", mergedIntoId: target.id });
  await auditRecordUpdate(ctx, source.id, { mergedInto: target.id, by, ...moved });
  await auditRecordUpdate(ctx, target.id, { mergedFrom: source.id, by, ...moved });
}

/** Per address and minute within the organization: one allowance for the REST endpoint and the confirmation page. */
export const CONFIRM_CONTACT_RATE_LIMIT = { route: "/api/v1/public/confirm-email/[token]", limit: 10 } as const;

export const CONTACT_CONFIRMED_MESSAGE = "Thank you — your e-mail address is confirmed.";

/** The confirmation link's one answer, whatever happened to the record (the endpoint's and the page's). */
export async function confirmBookingContactLink(ctx: ServiceContext, token: string) {
  await confirmBookingContact(ctx, token);
  return { confirmed: true as const, message: CONTACT_CONFIRMED_MESSAGE };
}

/**
 * The visitor opened the link from their confirmation e-mail. Whatever happens to the record, the
 * answer is the same (and a link already used answers the same again); an invalid link is 404.
 */
export async function confirmBookingContact(ctx: ServiceContext, token: string): Promise<void> {
  const claims = verifyLinkToken(token, CONFIRM_CONTACT_PURPOSE);
  if (!claims || claims.orgId !== ctx.orgId) throw new NotFoundError("patient", INVALID_LINK);
  const repo = patientsRepo(ctx.tx, ctx.orgId);
  const contact = await repo.lock({ id: claims.id });
  if (!contact) throw new NotFoundError("patient", INVALID_LINK);
  if (contact.recordStatus !== "unverified" || !contact.email) return;
  const existing = await repo.findActiveByEmail({ email: contact.email });
  if (existing && sameDetails(existing, contact)) await fold(ctx, contact, existing, "email_confirmed");
  else await setStatus(ctx, contact.id, existing ? "review" : "active", "email_confirmed");
}

async function toReconcile(ctx: ServiceContext, id: string): Promise<Patient> {
  const record = await patientsRepo(ctx.tx, ctx.orgId).lock({ id });
  if (!record) throw new NotFoundError("patient");
  if (record.recordStatus !== "unverified" && record.recordStatus !== "review") {
    throw new ValidationError("This record has already been reconciled.", undefined, "invalid:value");
  }
  return record;
}

/** Records still to reconcile, each with the hospital's record that has its e-mail (if any). Audited. */
export async function listToReconcile(ctx: ServiceContext) {
  const repo = patientsRepo(ctx.tx, ctx.orgId);
  const rows = await repo.listToReconcile();
  const out = [];
  for (const row of rows) {
    const match = row.email ? await repo.findActiveByEmail({ email: row.email }) : undefined;
    out.push({
      id: row.id,
      recordStatus: row.recordStatus,
      name: `${row.firstName} ${row.lastName}`,
      dateOfBirth: row.dateOfBirth,
      email: row.email,
      phone: row.phone,
      createdAt: row.createdAt,
      sameEmail: match
        ? {
            id: match.id,
            name: `${match.firstName} ${match.lastName}`,
            dateOfBirth: match.dateOfBirth,
            mrn: match.mrn,
            detailsMatch: sameDetails(match, row),
          }
        : null,
    });
  }
  await ctx.auditPatients(
    "view",
    "patient_reconcile",
    out.flatMap((r) => [{ id: r.id, patientId: r.id }, ...(r.sameEmail ? [{ id: r.sameEmail.id, patientId: r.sameEmail.id }] : [])]),
  );
  return out;
}

/** Staff merge an online record into the hospital's patient: its bookings move there. */
export async function mergePatientRecord(ctx: ServiceContext, { id, intoId }: { id: string; intoId: string }) {
  if (id === intoId) throw new ValidationError("Choose another patient to merge into.", { intoId: ["Choose another patient."] });
  const source = await toReconcile(ctx, id);
  const target = await patientsRepo(ctx.tx, ctx.orgId).lock({ id: intoId });
  if (!target) throw new NotFoundError("patient");
  if (target.recordStatus !== "active") {
    throw new ValidationError("Merge into one of the hospital's own patient records.", { intoId: ["Not a reconciled record."] });
  }
  await fold(ctx, source, target, "staff");
  return { id: source.id, mergedIntoId: target.id };
}

/** Staff keep an online record as a new patient (409 when the hospital already has that e-mail: merge instead). */
export async function acceptPatientRecord(ctx: ServiceContext, { id }: { id: string }) {
  const source = await toReconcile(ctx, id);
  if (source.email && (await patientsRepo(ctx.tx, ctx.orgId).findActiveByEmail({ email: source.email }))) {
    throw new ConflictError("patient_email", "A patient with this e-mail address already exists at this hospital: merge into that record.");
  }
  const row = await setStatus(ctx, source.id, "active", "staff");
  return { id: row.id, recordStatus: row.recordStatus };
}

/** How many records wait for staff (the badge on the patients page). */
export async function countToReconcile(ctx: ServiceContext): Promise<number> {
  return patientsRepo(ctx.tx, ctx.orgId).countToReconcile();
}
