import type postgres from "postgres";

export type DatasetShape = {
  organizations: number;
  providersPerOrg: number;
  patientsPerOrg: number;
  appointmentsPerOrg: number;
  /** Appointments are spread over this many days, half in the past and half in the future. */
  spanDays: number;
};

export type SeedResult = { appointments: number; seconds: number; tableMb: number; indexesMb: number };

/**
 * Loads a synthetic dataset as the owner (superuser: RLS does not apply) with set-based SQL.
 * Every organization has the same shape, so small and large databases differ only in how many
 * other tenants share the tables. Rows are inserted in random order across tenants, as bookings
 * arrive in production: one provider's appointments are scattered over the heap, not clustered.
 */
export async function seedDataset(sql: postgres.Sql, shape: DatasetShape): Promise<SeedResult> {
  const started = performance.now();
  const { organizations, providersPerOrg, patientsPerOrg, appointmentsPerOrg, spanDays } = shape;
  const perProvider = Math.ceil(appointmentsPerOrg / providersPerOrg);
  // Each provider's k-th appointment lands on its own day, so bookings never overlap and the
  // exclusion constraint accepts every row (it is still checked on insert, as in production).
  if (perProvider > spanDays) throw new Error("more appointments per provider than days in the span");

  await sql.begin(async (tx) => {
    await tx`set local work_mem = '256MB'`;
    await tx`set local synchronous_commit = off`;
    await tx`
      insert into organizations (id, name, slug)
      select gen_random_uuid(), 'Bench Hospital ' || g, 'bench-' || g
        from generate_series(1, ${organizations}::int) g`;
    await tx`
      insert into providers (organization_id, name, title, specialty, license_number, email)
      select o.id, 'Dr Provider ' || p, 'MD', 'Family medicine', 'LIC-' || p, 'provider' || p || '@bench.test'
        from organizations o cross join generate_series(1, ${providersPerOrg}::int) p
       where o.slug like 'bench-%'`;
    await tx`
      insert into patients (organization_id, mrn, first_name, last_name, date_of_birth, email)
      select o.id, 'MRN-' || p, 'First' || p, 'Last' || p,
             date '1950-01-01' + (p * 97 % 20000), 'patient' || p || '@bench.test'
        from organizations o cross join generate_series(1, ${patientsPerOrg}::int) p
       where o.slug like 'bench-%'`;
    await tx`
      insert into appointment_types (organization_id, name, duration_minutes)
      select o.id, 'Consultation', 30 from organizations o where o.slug like 'bench-%'`;
    await tx`
      with prov as (
        select organization_id, id, (row_number() over (partition by organization_id order by id) - 1)::int as k
          from providers),
      pat as (
        select organization_id, id, (row_number() over (partition by organization_id order by id) - 1)::int as k
          from patients),
      slots as (
        select o.id as org, n,
               date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
                 - make_interval(days => ${spanDays}::int / 2)
                 + make_interval(days => ((n / ${providersPerOrg}::int) * ${spanDays}::int) / ${perProvider}::int)
                 + make_interval(hours => 8 + (n * 7 + abs(hashtext(o.id::text))) % 9)
                 + make_interval(mins => 30 * (n % 2)) as starts_at
          from organizations o
         cross join generate_series(0, ${appointmentsPerOrg}::int - 1) n
         where o.slug like 'bench-%')
      insert into appointments (organization_id, patient_id, provider_id, appointment_type_id,
                                starts_at, ends_at, status, cancelled_at, booked_via, reason)
      select s.org, pat.id, prov.id, typ.id, s.starts_at, s.starts_at + interval '30 minutes',
             (case when s.n % 20 = 0 then 'cancelled'
                   when s.starts_at < now() then 'completed'
                   else 'scheduled' end)::appointment_status,
             case when s.n % 20 = 0 then s.starts_at - interval '1 day' end,
             (case when s.n % 3 = 0 then 'online' else 'staff' end)::booked_via,
             'Follow-up visit'
        from slots s
        join prov on prov.organization_id = s.org and prov.k = s.n % ${providersPerOrg}::int
        join pat on pat.organization_id = s.org and pat.k = (s.n * 7919) % ${patientsPerOrg}::int
        join appointment_types typ on typ.organization_id = s.org
       order by random()`;
  });
  // Sets hint bits and the visibility map as well as statistics, so neither database pays for
  // first-touch writes during the timed reads.
  for (const table of ["organizations", "providers", "patients", "appointment_types", "appointments"]) {
    await sql.unsafe(`vacuum (analyze) public.${table}`);
  }
  const [counts] = await sql<{ n: number; table_mb: number; indexes_mb: number }[]>`
    select count(*)::int as n,
           (pg_table_size('public.appointments') / 1048576.0)::float8 as table_mb,
           (pg_indexes_size('public.appointments') / 1048576.0)::float8 as indexes_mb
      from appointments`;
  return {
    appointments: counts!.n,
    seconds: (performance.now() - started) / 1000,
    tableMb: counts!.table_mb,
    indexesMb: counts!.indexes_mb,
  };
}
