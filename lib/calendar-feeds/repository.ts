import "server-only";
import { and, asc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { appointments, appointmentTypes, calendarFeeds, patients, type CalendarFeed } from "@/lib/db/schema";
import type { TenantTx } from "@/lib/db/tenant";

export function calendarFeedsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(calendarFeeds.organizationId, orgId);
  return {
    /** The provider's feed that still works, if any. */
    async live({ providerId }: { providerId: string }): Promise<CalendarFeed | undefined> {
      const [row] = await tx
        .select()
        .from(calendarFeeds)
        .where(and(inOrg, eq(calendarFeeds.providerId, providerId), isNull(calendarFeeds.revokedAt)));
      return row;
    },

    /** A live feed by the hash of its URL's secret; revoked feeds are not found. */
    async byTokenHash({ tokenHash }: { tokenHash: string }): Promise<CalendarFeed | undefined> {
      const [row] = await tx
        .select()
        .from(calendarFeeds)
        .where(and(inOrg, eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
        .prepare("calendar_feed_by_token")
        .execute();
      return row;
    },

    async create({ providerId, tokenHash, createdBy }: { providerId: string; tokenHash: string; createdBy: string | null }) {
      const [row] = await tx.insert(calendarFeeds).values({ organizationId: orgId, providerId, tokenHash, createdBy }).returning();
      return row!;
    },

    /** Revokes the provider's live feed; returns it, or undefined when there was none. */
    async revoke({ providerId, at = new Date() }: { providerId: string; at?: Date }): Promise<CalendarFeed | undefined> {
      const [row] = await tx
        .update(calendarFeeds)
        .set({ revokedAt: at })
        .where(and(inOrg, eq(calendarFeeds.providerId, providerId), isNull(calendarFeeds.revokedAt)))
        .returning();
      return row;
    },

    async noteFetched({ id, at = new Date() }: { id: string; at?: Date }): Promise<void> {
      await tx
        .update(calendarFeeds)
        .set({ lastFetchedAt: at })
        .where(and(inOrg, eq(calendarFeeds.id, id)));
    },

    /** The provider's visits that are not cancelled, overlapping [from, to), by start. */
    async appointments({
      providerId,
      from,
      to,
      patientNames,
      limit,
    }: {
      providerId: string;
      from: Date;
      to: Date;
      patientNames: boolean;
      limit: number;
    }) {
      return tx
        .select({
          id: appointments.id,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          status: appointments.status,
          mode: appointments.mode,
          updatedAt: appointments.updatedAt,
          patientId: appointments.patientId,
          typeName: appointmentTypes.name,
          // The name is read only when it will be shown.
          patientName: patientNames
            ? sql<string | null>`${patients.firstName} || ' ' || ${patients.lastName}`
            : sql<string | null>`null::text`,
        })
        .from(appointments)
        .innerJoin(
          appointmentTypes,
          and(eq(appointmentTypes.organizationId, appointments.organizationId), eq(appointmentTypes.id, appointments.appointmentTypeId)),
        )
        .innerJoin(patients, and(eq(patients.organizationId, appointments.organizationId), eq(patients.id, appointments.patientId)))
        .where(
          and(
            eq(appointments.organizationId, orgId),
            eq(appointments.providerId, providerId),
            ne(appointments.status, "cancelled"),
            lt(appointments.startsAt, to),
            gt(appointments.endsAt, from),
          ),
        )
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(limit);
    },
  };
}
