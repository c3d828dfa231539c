import "server-only";
import { and, asc, eq, gte, lt, lte, gt, sql } from "drizzle-orm";
import { uuidList } from "@/lib/db/uuid-list";
import type { TenantTx } from "@/lib/db/tenant";
import { providerAppointmentTypes, providerDateOverrides, providerTimeOff, providerWorkingHours } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";

export type HoursInput = { weekday: number; startTime: string; endTime: string };
export type OverrideInput = { date: string; startTime: string | null; endTime: string | null; note?: string | null };

// The reads behind slot search are prepared (`.prepare(name).execute()`, the name is only a label)
// and take their provider ids as one array parameter, so their text never varies and the slot
// search can send them together in one round trip.
/** A provider's working week, date overrides, time off and offered appointment types. */
export function providerAvailabilityRepo(tx: TenantTx, orgId: string) {
  return {
    async weeklyHours({ providerIds }: { providerIds: string[] }) {
      if (!providerIds.length) return [];
      return tx
        .select()
        .from(providerWorkingHours)
        .where(and(eq(providerWorkingHours.organizationId, orgId), sql`${providerWorkingHours.providerId} = any(${uuidList(providerIds)})`))
        .orderBy(asc(providerWorkingHours.weekday), asc(providerWorkingHours.startTime))
        .prepare("provider_weekly_hours")
        .execute();
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
            sql`${providerDateOverrides.providerId} = any(${uuidList(providerIds)})`,
            gte(providerDateOverrides.date, fromDate),
            lte(providerDateOverrides.date, toDate),
          ),
        )
        .orderBy(asc(providerDateOverrides.date), asc(providerDateOverrides.startTime))
        .prepare("provider_date_overrides")
        .execute();
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
            sql`${providerTimeOff.providerId} = any(${uuidList(providerIds)})`,
            lt(providerTimeOff.startsAt, to),
            gt(providerTimeOff.endsAt, from),
          ),
        )
        .orderBy(asc(providerTimeOff.startsAt))
        .prepare("provider_time_off")
        .execute();
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
        .where(
          and(
            eq(providerAppointmentTypes.organizationId, orgId),
            sql`${providerAppointmentTypes.providerId} = any(${uuidList(providerIds)})`,
          ),
        )
        .prepare("provider_offered_types")
        .execute();
    },

    /**
     * Providers with a list of offered types that leaves this type out (a provider with no list
     * offers every type). Needs no provider ids, so slot search can send it with its first reads.
     */
    async providersNotOffering({ appointmentTypeId }: { appointmentTypeId: string }): Promise<Set<string>> {
      const rows = await tx
        .select({ providerId: providerAppointmentTypes.providerId })
        .from(providerAppointmentTypes)
        .where(eq(providerAppointmentTypes.organizationId, orgId))
        .groupBy(providerAppointmentTypes.providerId)
        .having(sql`not bool_or(${providerAppointmentTypes.appointmentTypeId} = ${appointmentTypeId}::uuid)`)
        .prepare("providers_not_offering_type")
        .execute();
      return new Set(rows.map((r) => r.providerId));
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
