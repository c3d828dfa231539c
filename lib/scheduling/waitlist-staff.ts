import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { appointmentTypes, patients, providers, waitlistEntries, waitlistOffers } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { organizationRepo } from "@/lib/organizations/repository";
import { decodeCursor, page } from "@/lib/pagination/cursor";
import { patientsRepo } from "@/lib/patients/repository";
import { providersRepo } from "@/lib/providers/repository";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { findSlots } from "./availability";
import { offerFacts, sendOffer } from "./waitlist";
import type { WaitlistListQuery } from "./waitlist-schemas";

// The waiting list as staff see it: who waits for what, what each was offered and what came of it;
// taking someone off the list, and offering one of them a free time by hand. The REST handlers and
// the staff page's actions call these.

/** What came of one offer; "expired" also for an open offer past its time the worker has not closed yet. */
export type OfferOutcome = "open" | "claimed" | "gone" | "expired";

export type WaitlistOfferView = {
  id: string;
  providerId: string;
  providerName: string;
  startsAt: Date;
  endsAt: Date;
  offeredAt: Date;
  expiresAt: Date;
  outcome: OfferOutcome;
};

export type WaitlistRow = {
  id: string;
  status: "waiting" | "offered" | "booked" | "cancelled";
  patient: { id: string; name: string; email: string | null };
  appointmentType: { id: string; name: string };
  /** null: any provider. */
  provider: { id: string; name: string } | null;
  earliestDate: string;
  latestDate: string;
  joinedAt: Date;
  offers: WaitlistOfferView[];
};

// created_at to the microsecond, so a page boundary never skips or repeats a row.
const createdAtText = sql<string>`to_char(${waitlistEntries.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Newest first, filtered; one page, the patients on it audited as one read. */
export async function listWaitlist(ctx: ServiceContext, query: WaitlistListQuery) {
  const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ["createdAt", "id"]);
  const where: (SQL | undefined)[] = [eq(waitlistEntries.organizationId, ctx.orgId)];
  if (query.status) where.push(eq(waitlistEntries.status, query.status));
  if (query.type) where.push(eq(waitlistEntries.appointmentTypeId, query.type));
  // Everyone a provider could see: those who asked for them and those who take any provider.
  if (query.provider) where.push(or(eq(waitlistEntries.providerId, query.provider), isNull(waitlistEntries.providerId)));
  if (query.from) where.push(gte(waitlistEntries.latestDate, query.from));
  if (query.to) where.push(lte(waitlistEntries.earliestDate, query.to));
  if (after) {
    where.push(sql`(${waitlistEntries.createdAt}, ${waitlistEntries.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await ctx.tx
    .select({
      id: waitlistEntries.id,
      status: waitlistEntries.status,
      patientId: waitlistEntries.patientId,
      firstName: patients.firstName,
      lastName: patients.lastName,
      email: patients.email,
      typeId: waitlistEntries.appointmentTypeId,
      typeName: appointmentTypes.name,
      providerId: waitlistEntries.providerId,
      providerName: providers.name,
      earliestDate: waitlistEntries.earliestDate,
      latestDate: waitlistEntries.latestDate,
      joinedAt: waitlistEntries.createdAt,
      cursorAt: createdAtText,
    })
    .from(waitlistEntries)
    .innerJoin(patients, and(eq(patients.organizationId, waitlistEntries.organizationId), eq(patients.id, waitlistEntries.patientId)))
    .innerJoin(
      appointmentTypes,
      and(eq(appointmentTypes.organizationId, waitlistEntries.organizationId), eq(appointmentTypes.id, waitlistEntries.appointmentTypeId)),
    )
    .leftJoin(providers, and(eq(providers.organizationId, waitlistEntries.organizationId), eq(providers.id, waitlistEntries.providerId)))
    .where(and(...where))
    .orderBy(desc(waitlistEntries.createdAt), desc(waitlistEntries.id))
    .limit(query.limit + 1);
  const result = page(rows, query.limit, (r) => ({ createdAt: r.cursorAt, id: r.id }));
  const offers = await offersOf(
    ctx,
    result.data.map((r) => r.id),
  );
  await ctx.auditPatients(
    "view",
    "waitlist_entry",
    result.data.map((r) => ({ id: r.id, patientId: r.patientId })),
  );
  const data: WaitlistRow[] = result.data.map((r) => ({
    id: r.id,
    status: r.status,
    patient: { id: r.patientId, name: `${r.firstName} ${r.lastName}`, email: r.email },
    appointmentType: { id: r.typeId, name: r.typeName },
    provider: r.providerId ? { id: r.providerId, name: r.providerName ?? "" } : null,
    earliestDate: r.earliestDate,
    latestDate: r.latestDate,
    joinedAt: r.joinedAt,
    offers: offers.get(r.id) ?? [],
  }));
  return { data, nextCursor: result.nextCursor };
}

async function offersOf(ctx: ServiceContext, entryIds: string[]): Promise<Map<string, WaitlistOfferView[]>> {
  const byEntry = new Map<string, WaitlistOfferView[]>();
  if (!entryIds.length) return byEntry;
  const rows = await ctx.tx
    .select({
      id: waitlistOffers.id,
      entryId: waitlistOffers.entryId,
      providerId: waitlistOffers.providerId,
      providerName: providers.name,
      startsAt: waitlistOffers.startsAt,
      endsAt: waitlistOffers.endsAt,
      offeredAt: waitlistOffers.createdAt,
      expiresAt: waitlistOffers.expiresAt,
      status: waitlistOffers.status,
    })
    .from(waitlistOffers)
    .innerJoin(providers, and(eq(providers.organizationId, waitlistOffers.organizationId), eq(providers.id, waitlistOffers.providerId)))
    .where(and(eq(waitlistOffers.organizationId, ctx.orgId), inArray(waitlistOffers.entryId, entryIds)))
    .orderBy(asc(waitlistOffers.createdAt));
  const now = Date.now();
  for (const { entryId, status, ...offer } of rows) {
    const outcome: OfferOutcome = status === "open" && offer.expiresAt.getTime() <= now ? "expired" : status;
    byEntry.set(entryId, [...(byEntry.get(entryId) ?? []), { ...offer, outcome }]);
  }
  return byEntry;
}

async function lockEntry(ctx: ServiceContext, id: string) {
  const [entry] = await ctx.tx
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.organizationId, ctx.orgId), eq(waitlistEntries.id, id)))
    .for("update");
  if (!entry) throw new NotFoundError("waitlist_entry");
  return entry;
}

const NOT_WAITING: Record<"booked" | "cancelled", string> = {
  booked: "This patient was already booked from the waiting list.",
  cancelled: "This patient was already taken off the waiting list.",
};

/** Takes a patient off the list: the entry is cancelled and its open offers can no longer be claimed (audited). */
export async function removeWaitlistEntry(ctx: ServiceContext, id: string) {
  const entry = await lockEntry(ctx, id);
  if (entry.status === "booked" || entry.status === "cancelled") throw new ConflictError("waitlist_entry", NOT_WAITING[entry.status]);
  await ctx.tx
    .update(waitlistEntries)
    .set({ status: "cancelled" })
    .where(and(eq(waitlistEntries.organizationId, ctx.orgId), eq(waitlistEntries.id, id)));
  await ctx.tx
    .update(waitlistOffers)
    .set({ status: "gone" })
    .where(and(eq(waitlistOffers.organizationId, ctx.orgId), eq(waitlistOffers.entryId, id), eq(waitlistOffers.status, "open")));
  await ctx.audit({ action: "delete", resourceType: "waitlist_entry", resourceId: id, patientId: entry.patientId });
  return { id, status: "cancelled" as const };
}

/** The day (in the organization's zone) an instant falls on. */
async function dayOf(ctx: ServiceContext, at: Date): Promise<string> {
  const { timeZone } = await organizationRepo(ctx.tx, ctx.orgId).get();
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/**
 * Staff offer one waiting patient a free time they chose: checked free by the staff slot search,
 * then sent exactly as the worker sends offers (same e-mail, same claim link; the first claim of
 * that time wins). Refusals change nothing.
 */
export async function offerTimeToEntry(ctx: ServiceContext, input: { id: string; providerId: string; startsAt: Date }) {
  const entry = await lockEntry(ctx, input.id);
  if (entry.status === "booked" || entry.status === "cancelled") throw new ConflictError("waitlist_entry", NOT_WAITING[entry.status]);
  const patient = await patientsRepo(ctx.tx, ctx.orgId).get({ id: entry.patientId });
  if (!patient.email) {
    throw new ValidationError(
      "This patient has no e-mail address, so an offer cannot reach them. Book the time from the schedule instead.",
    );
  }
  await providersRepo(ctx.tx, ctx.orgId).get({ id: input.providerId });
  const day = await dayOf(ctx, input.startsAt);
  const { slots } = await findSlots(ctx.tx, ctx.orgId, {
    appointmentTypeId: entry.appointmentTypeId,
    providerId: input.providerId,
    mode: "in_person",
    fromDate: day,
    toDate: day,
    online: false,
  });
  const slot = slots.find((s) => s.providerId === input.providerId && s.startsAt.getTime() === input.startsAt.getTime());
  if (!slot) throw new ConflictError("appointment_overlap", "That time is not free any more. Choose another time.");
  const [already] = await ctx.tx
    .select({ id: waitlistOffers.id })
    .from(waitlistOffers)
    .where(
      and(
        eq(waitlistOffers.organizationId, ctx.orgId),
        eq(waitlistOffers.entryId, entry.id),
        eq(waitlistOffers.providerId, slot.providerId),
        eq(waitlistOffers.startsAt, slot.startsAt),
        eq(waitlistOffers.status, "open"),
      ),
    );
  if (already) throw new ConflictError("duplicate", "This patient already has an open offer for that time.");
  const offered = { providerId: slot.providerId, appointmentTypeId: entry.appointmentTypeId, startsAt: slot.startsAt, endsAt: slot.endsAt };
  const offer = await sendOffer(ctx, entry, offered, await offerFacts(ctx, offered));
  return { id: offer.id, entryId: entry.id, providerId: offer.providerId, startsAt: offer.startsAt, expiresAt: offer.expiresAt };
}

/** Free times for one entry's appointment type (a provider or any), by staff rules, to offer by hand. */
export async function freeTimesForEntry(ctx: ServiceContext, input: { id: string; provider?: string; from: string; to: string }) {
  const [entry] = await ctx.tx
    .select({ appointmentTypeId: waitlistEntries.appointmentTypeId })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.organizationId, ctx.orgId), eq(waitlistEntries.id, input.id)));
  if (!entry) throw new NotFoundError("waitlist_entry");
  const { slots, facts } = await findSlots(ctx.tx, ctx.orgId, {
    appointmentTypeId: entry.appointmentTypeId,
    providerId: input.provider,
    mode: "in_person",
    fromDate: input.from,
    toDate: input.to,
    online: false,
  });
  return { data: slots, timeZone: facts.organization.timeZone };
}

export type WaitlistPage = Awaited<ReturnType<typeof listWaitlist>>;
export type WaitlistFreeTimes = Awaited<ReturnType<typeof freeTimesForEntry>>;

/** The waiting list's filter choices: every appointment type and provider (no patient data). */
export async function waitlistFilterChoices(ctx: ServiceContext) {
  const types = await appointmentTypesRepo(ctx.tx, ctx.orgId).list();
  const people = await providersRepo(ctx.tx, ctx.orgId).list({ limit: 500 });
  return {
    types: types.map((t) => ({ id: t.id, name: t.name })),
    providers: people.map((p) => ({ id: p.id, name: p.name, active: p.active })),
  };
}
