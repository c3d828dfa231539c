import "server-only";
import { and, asc, eq, gte, isNull, lte, or, inArray } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { waitlistEntries, waitlistOffers, type Appointment, type WaitlistEntry, type WaitlistOffer } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { waitlistOfferEmail } from "@/lib/notifications/compose";
import { outboxRepo } from "@/lib/notifications/outbox-repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { hashToken, organizationSiteUrl, randomToken } from "@/lib/auth/links";

/** How many waiting patients are offered one freed slot at once; the first to claim it wins. */
export const OFFERS_PER_SLOT = 3;
export const OFFER_HOURS = 12;

export async function joinWaitlist(
  ctx: ServiceContext,
  input: { patientId: string; appointmentTypeId: string; providerId?: string | null; earliestDate: string; latestDate: string },
) {
  if (input.latestDate < input.earliestDate) throw new ValidationError("The last date is before the first date.");
  await patientsRepo(ctx.tx, ctx.orgId).get({ id: input.patientId });
  await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: input.appointmentTypeId });
  if (input.providerId) await providersRepo(ctx.tx, ctx.orgId).get({ id: input.providerId });
  const [entry] = await ctx.tx
    .insert(waitlistEntries)
    .values({ ...input, providerId: input.providerId ?? null, organizationId: ctx.orgId })
    .returning();
  await ctx.audit({ action: "create", resourceType: "waitlist_entry", resourceId: entry!.id, patientId: input.patientId });
  return entry!;
}

/** A freed slot goes to the first matching waitlisted patients, by e-mail with a claim link. */
export async function offerFreedSlot(
  ctx: ServiceContext,
  freed: Pick<Appointment, "providerId" | "appointmentTypeId" | "startsAt" | "endsAt">,
) {
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const day = Temporal.Instant.fromEpochMilliseconds(freed.startsAt.getTime())
    .toZonedDateTimeISO(organization.timeZone)
    .toPlainDate()
    .toString();
  const candidates = await ctx.tx
    .select()
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.organizationId, ctx.orgId),
        eq(waitlistEntries.status, "waiting"),
        eq(waitlistEntries.appointmentTypeId, freed.appointmentTypeId),
        or(isNull(waitlistEntries.providerId), eq(waitlistEntries.providerId, freed.providerId)),
        lte(waitlistEntries.earliestDate, day),
        gte(waitlistEntries.latestDate, day),
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt))
    .limit(OFFERS_PER_SLOT)
    .for("update", { skipLocked: true });
  if (!candidates.length) return;
  const facts = await offerFacts(ctx, freed);
  for (const entry of candidates) await sendOffer(ctx, entry, freed, facts);
}

type OfferFacts = Awaited<ReturnType<typeof offerFacts>>;
type OfferedSlot = Pick<Appointment, "providerId" | "appointmentTypeId" | "startsAt" | "endsAt">;

/** What every offer of one slot says: the hospital, its zone, the provider and the type. */
export async function offerFacts(ctx: ServiceContext, slot: OfferedSlot) {
  const organization = await organizationRepo(ctx.tx, ctx.orgId).get();
  const provider = await providersRepo(ctx.tx, ctx.orgId).get({ id: slot.providerId });
  const type = await appointmentTypesRepo(ctx.tx, ctx.orgId).get({ id: slot.appointmentTypeId });
  const branding = await organizationRepo(ctx.tx, ctx.orgId).getBranding();
  return { organization, provider, type, branding };
}

/**
 * One offer of a slot to one waiting patient: the offer row with a claim token, the entry marked
 * offered, the e-mail with the claim link queued, an audit row. The worker and staff both send
 * offers this way, so every offer is claimed (first claim wins) by the same path.
 */
export async function sendOffer(ctx: ServiceContext, entry: Pick<WaitlistEntry, "id" | "patientId">, slot: OfferedSlot, facts: OfferFacts) {
  const { organization, provider, type, branding } = facts;
  const expiresAt = new Date(Math.min(Date.now() + OFFER_HOURS * 3_600_000, slot.startsAt.getTime()));
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id: entry.patientId });
  const token = randomToken();
  const [offer] = await ctx.tx
    .insert(waitlistOffers)
    .values({
      organizationId: ctx.orgId,
      entryId: entry.id,
      providerId: slot.providerId,
      appointmentTypeId: slot.appointmentTypeId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      tokenHash: hashToken(token),
      expiresAt,
    })
    .returning();
  await ctx.tx
    .update(waitlistEntries)
    .set({ status: "offered" })
    .where(and(eq(waitlistEntries.organizationId, ctx.orgId), eq(waitlistEntries.id, entry.id)));
  if (patient.email) {
    const mail = waitlistOfferEmail({
      organizationName: branding.displayName,
      timeZone: organization.timeZone,
      patientFirstName: patient.firstName,
      typeName: type.name,
      providerName: provider.name,
      startsAt: slot.startsAt,
      claimUrl: organizationSiteUrl(organization.slug, `/waitlist/claim/${token}`),
      language: patient.preferredLanguage,
    });
    await outboxRepo(ctx.tx, ctx.orgId).enqueue({
      kind: "waitlist_offer",
      toEmail: patient.email,
      subject: mail.subject,
      bodyText: mail.text,
    });
  }
  await ctx.audit({ action: "create", resourceType: "waitlist_offer", resourceId: entry.id, patientId: entry.patientId });
  return offer!;
}

export async function findOffer(ctx: ServiceContext, token: string): Promise<WaitlistOffer | undefined> {
  const [offer] = await ctx.tx
    .select()
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.organizationId, ctx.orgId), eq(waitlistOffers.tokenHash, hashToken(token))));
  return offer;
}

/**
 * Claims an offer: books the appointment if the time is still free. The first valid claim wins;
 * every other offer of the same slot becomes "gone".
 */
export async function claimOffer(
  ctx: ServiceContext,
  token: string,
  book: (input: { patientId: string; providerId: string; appointmentTypeId: string; startsAt: Date }) => Promise<Appointment>,
): Promise<Appointment> {
  const [offer] = await ctx.tx
    .select()
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.organizationId, ctx.orgId), eq(waitlistOffers.tokenHash, hashToken(token))))
    .for("update");
  if (!offer) throw new NotFoundError("waitlist_offer", "This offer link is not valid.");
  if (offer.status !== "open" || offer.expiresAt.getTime() < Date.now()) {
    throw new ConflictError("offer_gone", "Sorry — this time has already been taken or the offer has expired.");
  }
  const [entry] = await ctx.tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.organizationId, ctx.orgId), eq(waitlistEntries.id, offer.entryId)));
  let appointment: Appointment;
  try {
    appointment = await book({
      patientId: entry!.patientId,
      providerId: offer.providerId,
      appointmentTypeId: offer.appointmentTypeId,
      startsAt: offer.startsAt,
    });
  } catch (err) {
    if (err instanceof ConflictError) throw new ConflictError("offer_gone", "Sorry — this time has already been taken.");
    throw err;
  }
  await ctx.tx
    .update(waitlistOffers)
    .set({ status: "claimed", appointmentId: appointment.id })
    .where(and(eq(waitlistOffers.organizationId, ctx.orgId), eq(waitlistOffers.id, offer.id)));
  await ctx.tx
    .update(waitlistEntries)
    .set({ status: "booked" })
    .where(and(eq(waitlistEntries.organizationId, ctx.orgId), eq(waitlistEntries.id, offer.entryId)));
  // Everyone else offered this slot: it is gone; they go back to waiting.
  const siblings = await ctx.tx
    .update(waitlistOffers)
    .set({ status: "gone" })
    .where(
      and(
        eq(waitlistOffers.organizationId, ctx.orgId),
        eq(waitlistOffers.providerId, offer.providerId),
        eq(waitlistOffers.startsAt, offer.startsAt),
        eq(waitlistOffers.status, "open"),
      ),
    )
    .returning({ entryId: waitlistOffers.entryId });
  if (siblings.length) {
    await ctx.tx
      .update(waitlistEntries)
      .set({ status: "waiting" })
      .where(
        and(
          eq(waitlistEntries.organizationId, ctx.orgId),
          inArray(
            waitlistEntries.id,
            siblings.map((s) => s.entryId),
          ),
          eq(waitlistEntries.status, "offered"),
        ),
      );
  }
  return appointment;
}
