import "server-only";
import { and, asc, eq, gte, inArray, lt, lte, gt } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { providerAppointmentTypes, providerDateOverrides, providerTimeOff, providerWorkingHours } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";

export type HoursInput = { weekday: number; startTime: string; endTime: string };
export type OverrideInput = { date: string; startTime: string | null; endTime: string | null; note?: string | null };

/** A provider's working week, date overrides, time off and offered appointment types. */
export function providerAvailabilityRepo(tx: TenantTx, orgId: string) {
  return {
    async weeklyHours({ providerIds }: { providerIds: string[] }) {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(providerWorkingHours)
        .where(and(eq(providerWorkingHours.organizationId, orgId), inArray(providerWorkingHours.providerId, providerIds)))
        .orderBy(asc(providerWorkingHours.weekday), asc(providerWorkingHours.startTime));
    },

    /** Replaces the provider's whole week in one go. */
    async replaceWeeklyHours({ providerId, hours }: { providerId: string; hours: HoursInput[] }) {
      await tx
        .delete(providerWorkingHours)
        .where(and(eq(providerWorkingHours.organizationId, orgId), eq(providerWorkingHours.providerId, providerId)));
      if (hours.length) {
        await tx.insert(providerWorkingHours).values(hours.map((h) => ({ ...h, organizationId: orgId, providerId })));
      }
    },

    async overrides({ providerIds, fromDate, toDate }: { providerIds: string[]; fromDate: string; toDate: string }) {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(providerDateOverrides)
        .where(
          and(
            eq(providerDateOverrides.organizationId, orgId),
            inArray(providerDateOverrides.providerId, providerIds),
            gte(providerDateOverrides.date, fromDate),
            lte(providerDateOverrides.date, toDate),
          ),
        )
        .orderBy(asc(providerDateOverrides.date), asc(providerDateOverrides.startTime));
    },

    /** Replaces the overrides of one date (no rows: back to the weekly hours). */
    async setOverride({ providerId, date, intervals }: { providerId: string; date: string; intervals: OverrideInput[] }) {
      await tx
        .delete(providerDateOverrides)
        .where(
          and(
            eq(providerDateOverrides.organizationId, orgId),
            eq(providerDateOverrides.providerId, providerId),
            eq(providerDateOverrides.date, date),
          ),
        );
      if (intervals.length) {
        await tx.insert(providerDateOverrides).values(intervals.map((i) => ({ ...i, date, organizationId: orgId, providerId })));
      }
    },

    async timeOff({ providerIds, from, to }: { providerIds: string[]; from: Date; to: Date }) {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(providerTimeOff)
        .where(
          and(
            eq(providerTimeOff.organizationId, orgId),
            inArray(providerTimeOff.providerId, providerIds),
            lt(providerTimeOff.startsAt, to),
            gt(providerTimeOff.endsAt, from),
          ),
        )
        .orderBy(asc(providerTimeOff.startsAt));
    },

    async addTimeOff({
      providerId,
      startsAt,
      endsAt,
      reason,
    }: {
      providerId: string;
      startsAt: Date;
      endsAt: Date;
      reason?: string | null;
    }) {
      const [row] = await tx
        .insert(providerTimeOff)
        .values({ organizationId: orgId, providerId, startsAt, endsAt, reason: reason ?? null })
        .returning();
      return row!;
    },

    async removeTimeOff({ id, providerId }: { id: string; providerId: string }) {
      const [row] = await tx
        .delete(providerTimeOff)
        .where(and(eq(providerTimeOff.organizationId, orgId), eq(providerTimeOff.id, id), eq(providerTimeOff.providerId, providerId)))
        .returning();
      if (!row) throw new NotFoundError("time_off");
    },

    async offeredTypes({ providerIds }: { providerIds: string[] }) {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(providerAppointmentTypes)
        .where(and(eq(providerAppointmentTypes.organizationId, orgId), inArray(providerAppointmentTypes.providerId, providerIds)));
    },

    async setOfferedTypes({ providerId, typeIds }: { providerId: string; typeIds: string[] }) {
      await tx
        .delete(providerAppointmentTypes)
        .where(and(eq(providerAppointmentTypes.organizationId, orgId), eq(providerAppointmentTypes.providerId, providerId)));
      if (typeIds.length) {
        await tx
          .insert(providerAppointmentTypes)
          .values(typeIds.map((appointmentTypeId) => ({ organizationId: orgId, providerId, appointmentTypeId })));
      }
    },
  };
}
