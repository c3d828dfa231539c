import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { DEMO_ORGS } from "@/lib/demo/data";
import { seedDemo } from "@/lib/demo/seed";
import { seriesStartDate } from "@/lib/demo/series";
import { asOwner } from "./support/owner";

// The demo seed against a real database: Metro General's weekly series is booked through the
// scheduling service (six Friday visits at 14:00 in the hospital's zone, weekly, none clashing with
// the demo's other visits), and seeding again books nothing more.

const metro = DEMO_ORGS.find((o) => o.slug === "metro-general")!;
const ZONE = metro.timeZone;

type SeriesRow = { id: string; rule: string; patient_mrn: string; provider: string; type: string };
type VisitRow = { id: string; starts_at: Date; ends_at: Date; status: string; booked_via: string; provider_id: string };

async function seriesOfMetro() {
  return asOwner(async (sql) => {
    const series = await sql<SeriesRow[]>`
      select s.id, s.rule, p.mrn as patient_mrn, pr.name as provider, t.name as type
        from appointment_series s
        join organizations o on o.id = s.organization_id
        join patients p on p.organization_id = s.organization_id and p.id = s.patient_id
        join providers pr on pr.organization_id = s.organization_id and pr.id = s.provider_id
        join appointment_types t on t.organization_id = s.organization_id and t.id = s.appointment_type_id
       where o.slug = 'metro-general'`;
    const visits = await sql<VisitRow[]>`
      select a.id, a.starts_at, a.ends_at, a.status, a.booked_via, a.provider_id
        from appointments a
        join appointment_series s on s.organization_id = a.organization_id and s.id = a.series_id
        join organizations o on o.id = s.organization_id
       where o.slug = 'metro-general'
       order by a.starts_at`;
    return { series, visits };
  });
}

const local = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(ZONE);

describe("demo seed: Metro General's weekly series", () => {
  it("books six weekly Friday visits at 14:00 local with Dr. Rossi, and a second seed books no other", async () => {
    await seedDemo({ password: "demo-password-1234", rootDomain: "agentcare.test" });
    const first = await seriesOfMetro();
    expect(first.series).toHaveLength(1);
    expect(first.series[0]).toMatchObject({ patient_mrn: metro.series!.patientMrn, provider: "Dr. Maria Rossi", type: "Follow-up" });
    expect(first.series[0]!.rule).toContain("FREQ=WEEKLY");

    expect(first.visits).toHaveLength(6);
    const starts = first.visits.map((v) => local(v.starts_at));
    const today = Temporal.Now.plainDateISO(ZONE);
    expect(starts[0]!.toPlainDate().equals(seriesStartDate(today, 5))).toBe(true);
    expect(today.until(starts[0]!.toPlainDate()).days).toBeGreaterThanOrEqual(7);
    for (const [i, at] of starts.entries()) {
      expect(at.dayOfWeek).toBe(5);
      expect(at.toPlainTime().toString()).toBe("14:00:00");
      if (i > 0) expect(starts[i - 1]!.toPlainDate().until(at.toPlainDate()).days).toBe(7);
    }
    for (const v of first.visits) {
      expect(v.ends_at.getTime() - v.starts_at.getTime()).toBe(30 * 60_000);
      expect(["scheduled", "confirmed"]).toContain(v.status);
      expect(v.booked_via).toBe("staff");
    }

    // No other live visit of Dr. Rossi's overlaps one of the series.
    const clashes = await asOwner(
      (sql) => sql<{ n: number }[]>`
        select count(*)::int as n
          from appointments a
          join appointments other on other.organization_id = a.organization_id and other.provider_id = a.provider_id
           and other.id <> a.id and other.status not in ('cancelled', 'no_show')
           and other.starts_at < a.ends_at and other.ends_at > a.starts_at
         where a.id = any(${first.visits.map((v) => v.id)}::uuid[])`,
    );
    expect(clashes[0]!.n).toBe(0);

    await seedDemo({ password: "demo-password-1234", rootDomain: "agentcare.test" });
    const again = await seriesOfMetro();
    expect(again.series.map((s) => s.id)).toEqual(first.series.map((s) => s.id));
    expect(again.visits.map((v) => v.id)).toEqual(first.visits.map((v) => v.id));
  });

  it("a start weeks later, with only the series' visits around today, still fills the days around them", async () => {
    const { visits } = await seriesOfMetro();
    // As if the demo ran weeks ago: its other visits are in the past, and the series' first visit is this week.
    const shift = visits[0]!.starts_at.getTime() - Date.now() - 2 * 86_400_000;
    const wrote = await asOwner(async (sql) => {
      await sql`update appointments a set starts_at = a.starts_at - interval '60 days', ends_at = a.ends_at - interval '60 days'
                  from organizations o
                 where o.id = a.organization_id and o.slug = 'metro-general' and a.series_id is null`;
      return sql`update appointments a set starts_at = a.starts_at - ${shift} * interval '1 millisecond',
                        ends_at = a.ends_at - ${shift} * interval '1 millisecond'
                   from organizations o
                  where o.id = a.organization_id and o.slug = 'metro-general' and a.series_id is not null`;
    });
    expect(wrote.count).toBe(6);

    await seedDemo({ password: "demo-password-1234", rootDomain: "agentcare.test" });
    const around = await asOwner(
      (sql) => sql<{ n: number }[]>`
        select count(*)::int as n from appointments a join organizations o on o.id = a.organization_id
         where o.slug = 'metro-general' and a.series_id is null
           and a.starts_at between now() - interval '7 days' and now() + interval '7 days'`,
    );
    expect(around[0]!.n).toBeGreaterThan(20);
    const after = await seriesOfMetro();
    expect(after.visits.map((v) => v.id)).toEqual(visits.map((v) => v.id));
    const clashes = await asOwner(
      (sql) => sql<{ n: number }[]>`
        select count(*)::int as n
          from appointments a
          join appointments other on other.organization_id = a.organization_id and other.provider_id = a.provider_id
           and other.id <> a.id and other.status <> 'cancelled'
           and other.starts_at < a.ends_at and other.ends_at > a.starts_at
         where a.id = any(${visits.map((v) => v.id)}::uuid[])`,
    );
    expect(clashes[0]!.n).toBe(0);
  });

  it("starts on the first Friday a week out and past the seeded fortnight", () => {
    const thursday = Temporal.PlainDate.from("2026-12-03");
    expect(seriesStartDate(thursday, 5).toString()).toBe("2026-12-11");
    // On a Friday the Friday a week out still has demo visits: the series starts the week after.
    expect(seriesStartDate(Temporal.PlainDate.from("2026-12-04"), 5).toString()).toBe("2026-12-18");
    expect(seriesStartDate(Temporal.PlainDate.from("2026-12-05"), 5).toString()).toBe("2026-12-18");
  });
});
