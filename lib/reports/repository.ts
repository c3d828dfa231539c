import "server-only";
import { sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";

/** Counts for one group of appointments (a day, a provider, a type, or all of them). */
export type AppointmentCounts = {
  appointments: number;
  completed: number;
  checkedIn: number;
  noShows: number;
  cancelled: number;
  cancelledByPatient: number;
  cancelledByStaff: number;
  /** Cancelled less than 24 hours before the start. */
  lateCancellations: number;
  /** Median hours between a cancellation and the start it freed (null: no cancellations). */
  medianCancellationLeadHours: number | null;
  online: number;
  /** Minutes of the appointments that were not cancelled. */
  bookedMinutes: number;
};

export type CountsRow = AppointmentCounts & {
  /** Which grouping: "day", "provider", "type" or "all". */
  grouping: "day" | "provider" | "type" | "all";
  day: string | null;
  providerId: string | null;
  appointmentTypeId: string | null;
};

type RawRow = {
  g: number;
  day: string | null;
  provider_id: string | null;
  appointment_type_id: string | null;
  appointments: number;
  completed: number;
  checked_in: number;
  no_shows: number;
  cancelled: number;
  cancelled_by_patient: number;
  cancelled_by_staff: number;
  late_cancellations: number;
  median_lead_hours: number | null;
  online: number;
  booked_minutes: number;
};

// grouping(day, provider_id, appointment_type_id): a bit set for each column NOT grouped by.
const GROUPINGS: Record<number, CountsRow["grouping"]> = { 3: "day", 5: "provider", 6: "type", 7: "all" };

export function reportsRepo(tx: TenantTx, orgId: string) {
  return {
    /**
     * Appointments starting in [from, to), counted per local day, per provider, per type and in
     * all, in one pass over the organization's start-time index.
     */
    async appointmentCounts({
      from,
      to,
      timeZone,
      providerId,
      typeId,
      locationId,
    }: {
      from: Date;
      to: Date;
      timeZone: string;
      providerId?: string;
      typeId?: string;
      /** Only visits held at this location. */
      locationId?: string;
    }): Promise<CountsRow[]> {
      const rows = await tx.execute<RawRow>(sql`
        with a as (
          select provider_id, appointment_type_id, status, booked_via, cancelled_by, starts_at, ends_at, cancelled_at,
                 (starts_at at time zone ${timeZone})::date::text as day
            from appointments
           where organization_id = ${orgId}
             and starts_at >= ${from.toISOString()}::timestamptz and starts_at < ${to.toISOString()}::timestamptz
             ${providerId ? sql`and provider_id = ${providerId}` : sql``}
             ${typeId ? sql`and appointment_type_id = ${typeId}` : sql``}
             ${locationId ? sql`and location_id = ${locationId}` : sql``}
        )
        select grouping(day, provider_id, appointment_type_id)::int as g,
               day, provider_id, appointment_type_id,
               count(*)::int as appointments,
               count(*) filter (where status = 'completed')::int as completed,
               count(*) filter (where status = 'checked_in')::int as checked_in,
               count(*) filter (where status = 'no_show')::int as no_shows,
               count(*) filter (where status = 'cancelled')::int as cancelled,
               count(*) filter (where status = 'cancelled' and cancelled_by = 'patient')::int as cancelled_by_patient,
               count(*) filter (where status = 'cancelled' and cancelled_by in ('staff', 'system'))::int as cancelled_by_staff,
               count(*) filter (where status = 'cancelled' and cancelled_at > starts_at - interval '24 hours')::int as late_cancellations,
               (percentile_cont(0.5) within group (order by extract(epoch from starts_at - cancelled_at) / 3600)
                  filter (where status = 'cancelled'))::float8 as median_lead_hours,
               count(*) filter (where booked_via = 'online')::int as online,
               coalesce(sum(extract(epoch from ends_at - starts_at) / 60) filter (where status <> 'cancelled'), 0)::int as booked_minutes
          from a
         group by grouping sets ((day), (provider_id), (appointment_type_id), ())
      `);
      return rows.map((r) => ({
        grouping: GROUPINGS[r.g]!,
        day: r.day,
        providerId: r.provider_id,
        appointmentTypeId: r.appointment_type_id,
        appointments: r.appointments,
        completed: r.completed,
        checkedIn: r.checked_in,
        noShows: r.no_shows,
        cancelled: r.cancelled,
        cancelledByPatient: r.cancelled_by_patient,
        cancelledByStaff: r.cancelled_by_staff,
        lateCancellations: r.late_cancellations,
        medianCancellationLeadHours: r.median_lead_hours === null ? null : Number(r.median_lead_hours),
        online: r.online,
        bookedMinutes: r.booked_minutes,
      }));
    },

    /**
     * Waiting-list offers claimed for times in [from, to): freed slots the waiting list filled. With a
     * location, only offers whose claimed visit is held there.
     */
    async waitlistFills({
      from,
      to,
      providerId,
      typeId,
      locationId,
    }: {
      from: Date;
      to: Date;
      providerId?: string;
      typeId?: string;
      locationId?: string;
    }): Promise<number> {
      const [row] = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from waitlist_offers
         where organization_id = ${orgId} and status = 'claimed'
           and starts_at >= ${from.toISOString()}::timestamptz and starts_at < ${to.toISOString()}::timestamptz
           ${providerId ? sql`and provider_id = ${providerId}` : sql``}
           ${typeId ? sql`and appointment_type_id = ${typeId}` : sql``}
           ${
             locationId
               ? sql`and exists (select 1 from appointments v
                                  where v.organization_id = waitlist_offers.organization_id
                                    and v.id = waitlist_offers.appointment_id and v.location_id = ${locationId})`
               : sql``
           }
      `);
      return row?.n ?? 0;
    },
  };
}
