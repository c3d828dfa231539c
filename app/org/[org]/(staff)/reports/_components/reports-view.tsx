"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useId, useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { dayLabel, timeLabel } from "@/components/scheduling/format";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { type Column, DataTable } from "@/components/ui/data-table";
import { FieldError, FormAlert, inputClass, secondaryButton } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { useDebounced } from "@/components/ui/use-debounced";
import { Panel } from "@/components/ui/panel";
import type { ReportTable } from "@/lib/reports/schemas";
import type { AppointmentReport } from "@/lib/reports/service";
import { addDays, addMonths } from "@/lib/time/wall-clock";
import { appointmentReportAction, nextAvailableAction, reportCsvAction } from "../actions";
import { hoursOf, percentOf, wholeNumber } from "./format";

// Charts come with a charting library the rest of the staff screens do not need: loaded here only.
const ReportCharts = dynamic(() => import("./report-charts").then((m) => m.ReportCharts), {
  ssr: false,
  loading: () => <LoadingState label="Loading charts…" />,
});

type Choice = { id: string; name: string; active: boolean };
type Filters = { from: string; to: string; provider: string; type: string; location: string };

const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const monthEnd = (date: string) => addDays(addMonths(monthStart(date), 1), -1);

function presets(today: string): { label: string; from: string; to: string }[] {
  const lastMonth = addMonths(monthStart(today), -1);
  return [
    { label: "Last 7 days", from: addDays(today, -6), to: today },
    { label: "Last 30 days", from: addDays(today, -29), to: today },
    { label: "This month", from: monthStart(today), to: monthEnd(today) },
    { label: "Last month", from: lastMonth, to: monthEnd(lastMonth) },
    { label: "Next 30 days", from: today, to: addDays(today, 29) },
  ];
}

function saveFile(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function cancellationDetail(t: AppointmentReport["totals"]): string {
  const unrecorded = t.cancelled - t.cancelledByPatient - t.cancelledByStaff;
  const parts = [`${wholeNumber(t.cancelledByPatient)} by patients`, `${wholeNumber(t.cancelledByStaff)} by staff`];
  if (unrecorded > 0) parts.push(`${wholeNumber(unrecorded)} not recorded who`);
  parts.push(`${wholeNumber(t.lateCancellations)} under 24 h`);
  if (t.medianCancellationLeadHours !== null) parts.push(`median ${Math.round(t.medianCancellationLeadHours)} h ahead`);
  return parts.join(" · ");
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {detail && <dd className="mt-1 text-xs text-slate-600">{detail}</dd>}
    </div>
  );
}

function CsvButton({ table, filters, label }: { table: ReportTable; filters: Filters; label: string }) {
  const download = useMutation({
    mutationFn: () =>
      unwrap(
        reportCsvAction({
          from: filters.from,
          to: filters.to,
          provider: filters.provider || undefined,
          type: filters.type || undefined,
          location: filters.location || undefined,
          table,
        }),
      ),
    onSuccess: (file) => saveFile(file.filename, file.csv),
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" className={secondaryButton} disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? "Preparing…" : label}
      </button>
      {download.isError && (
        <p role="alert" className="text-xs text-red-700">
          {download.error.message}
        </p>
      )}
    </div>
  );
}

type ProviderRow = AppointmentReport["providers"][number];
type TypeRow = AppointmentReport["types"][number];
type DayRow = AppointmentReport["days"][number];

const num = "text-right tabular-nums";

const PROVIDER_COLUMNS: Column<ProviderRow>[] = [
  { header: "Provider", rowHeader: true, cell: (r) => (r.active ? r.name : `${r.name} (inactive)`) },
  { header: "Appointments", className: num, cell: (r) => wholeNumber(r.appointments) },
  { header: "Completed", className: num, cell: (r) => wholeNumber(r.completed), from: "sm" },
  { header: "No-show rate", className: num, cell: (r) => percentOf(r.noShowRate) },
  { header: "Cancelled", className: num, cell: (r) => wholeNumber(r.cancelled), from: "md" },
  { header: "Online", className: num, cell: (r) => percentOf(r.onlineShare), from: "md" },
  { header: "Booked", className: num, cell: (r) => hoursOf(r.bookedMinutes), from: "lg" },
  { header: "Available", className: num, cell: (r) => hoursOf(r.availableMinutes), from: "lg" },
  { header: "Utilisation", className: num, cell: (r) => percentOf(r.utilisation) },
];

const TYPE_COLUMNS: Column<TypeRow>[] = [
  { header: "Appointment type", rowHeader: true, cell: (r) => (r.active ? r.name : `${r.name} (inactive)`) },
  { header: "Appointments", className: num, cell: (r) => wholeNumber(r.appointments) },
  { header: "Completed", className: num, cell: (r) => wholeNumber(r.completed), from: "sm" },
  { header: "No-show rate", className: num, cell: (r) => percentOf(r.noShowRate) },
  { header: "Cancelled", className: num, cell: (r) => wholeNumber(r.cancelled), from: "md" },
  { header: "Online", className: num, cell: (r) => percentOf(r.onlineShare) },
];

const DAY_COLUMNS: Column<DayRow>[] = [
  { header: "Day", rowHeader: true, className: "whitespace-nowrap", cell: (r) => dayLabel(`${r.date}T12:00:00Z`, "UTC") },
  { header: "Appointments", className: num, cell: (r) => wholeNumber(r.appointments) },
  { header: "Completed", className: num, cell: (r) => wholeNumber(r.completed) },
  { header: "No-shows", className: num, cell: (r) => wholeNumber(r.noShows) },
  { header: "Cancelled", className: num, cell: (r) => wholeNumber(r.cancelled) },
  { header: "Utilisation", className: num, cell: (r) => percentOf(r.utilisation), from: "sm" },
];

function NextAvailable({ filters, providers, timeZone }: { filters: Filters; providers: Choice[]; timeZone: string }) {
  const tenant = useTenant();
  const query = useQuery({
    queryKey: [tenant.organization.id, "reports", "next-available", filters.provider, filters.type, filters.location],
    queryFn: () =>
      unwrap(
        nextAvailableAction({
          provider: filters.provider || undefined,
          type: filters.type || undefined,
          location: filters.location || undefined,
        }),
      ),
  });
  const nameOf = (id: string | null) => providers.find((p) => p.id === id)?.name ?? "";
  type Row = NonNullable<typeof query.data>[number];
  const columns: Column<Row>[] = [
    { header: "Appointment type", rowHeader: true, cell: (r) => r.typeName },
    {
      header: "First free time",
      cell: (r) =>
        r.startsAt ? (
          <>
            {dayLabel(r.startsAt, timeZone)}, {timeLabel(r.startsAt, timeZone)}
            {!filters.provider && <span className="block text-xs text-slate-600">{nameOf(r.providerId)}</span>}
          </>
        ) : (
          "None in the next 90 days"
        ),
    },
    {
      header: "Wait",
      className: num,
      cell: (r) => (r.hours === null ? "—" : r.hours < 48 ? `${Math.round(r.hours)} h` : `${Math.round(r.hours / 24)} days`),
    },
  ];
  return (
    <Panel
      title="Time to next available"
      description="From now, as staff would book: the first free time for each active appointment type."
    >
      {query.isPending && <LoadingState />}
      {query.isError && <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.data && (
        <DataTable look="inset" columns={columns} rows={query.data} rowKey={(r) => r.typeId} empty="No active appointment types." />
      )}
    </Panel>
  );
}

export function ReportsView({
  today,
  timeZone,
  types,
  providers,
  locations,
}: {
  today: string;
  timeZone: string;
  types: Choice[];
  providers: Choice[];
  locations: Choice[];
}) {
  const tenant = useTenant();
  const id = useId();
  const [shown, setFilters] = useState<Filters>({ from: addDays(today, -29), to: today, provider: "", type: "", location: "" });
  // One place (or none) needs no choice of where.
  const byLocation = locations.filter((l) => l.active).length > 1;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  // Typing a date changes it digit by digit: ask for the report once it has settled.
  const filters = useDebounced(shown, 400);
  const report = useQuery({
    queryKey: [tenant.organization.id, "reports", "appointments", filters],
    queryFn: () =>
      unwrap(
        appointmentReportAction({
          from: filters.from,
          to: filters.to,
          provider: filters.provider || undefined,
          type: filters.type || undefined,
          location: filters.location || undefined,
        }),
      ),
    enabled: Boolean(filters.from && filters.to),
    placeholderData: keepPreviousData,
    retry: (count, err) => !(err instanceof ActionError) && count < 2,
  });
  const fieldErrors = report.error instanceof ActionError ? report.error.fieldErrors : {};
  const invalid = report.error instanceof ActionError && report.error.code.startsWith("validation");
  const data = report.data;
  const label = "text-sm font-medium text-slate-700";
  const totals = data?.totals;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Reports" description={`Appointments by the day they start, in the organization's time zone (${timeZone}).`} />

      <search aria-label="Choose the report's range and filters" className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-2" role="group" aria-label="Quick ranges">
          {presets(today).map((p) => {
            const current = p.from === shown.from && p.to === shown.to;
            return (
              <button
                key={p.label}
                type="button"
                aria-pressed={current}
                onClick={() => set({ from: p.from, to: p.to })}
                className={`${secondaryButton} ${current ? "border-[var(--brand-primary)] ring-1 ring-[var(--brand-primary)]" : ""}`}
              >
                {p.label}
              </button>
            );
          })}
        </div>
        <div className={`grid grid-cols-1 gap-3 sm:grid-cols-2 ${byLocation ? "lg:grid-cols-5" : "lg:grid-cols-4"}`}>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-from`} className={label}>
              First day
            </label>
            <input
              id={`${id}-from`}
              type="date"
              value={shown.from}
              onChange={(e) => set({ from: e.target.value })}
              className={inputClass}
              aria-invalid={fieldErrors.from ? true : undefined}
              aria-describedby={fieldErrors.from ? `${id}-from-error` : undefined}
            />
            <FieldError id={`${id}-from-error`} errors={fieldErrors.from} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-to`} className={label}>
              Last day
            </label>
            <input
              id={`${id}-to`}
              type="date"
              value={shown.to}
              onChange={(e) => set({ to: e.target.value })}
              className={inputClass}
              aria-invalid={fieldErrors.to ? true : undefined}
              aria-describedby={fieldErrors.to ? `${id}-to-error` : undefined}
            />
            <FieldError id={`${id}-to-error`} errors={fieldErrors.to} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-provider`} className={label}>
              Provider
            </label>
            <select id={`${id}-provider`} value={shown.provider} onChange={(e) => set({ provider: e.target.value })} className={inputClass}>
              <option value="">All providers</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.active ? p.name : `${p.name} (inactive)`}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-type`} className={label}>
              Appointment type
            </label>
            <select id={`${id}-type`} value={shown.type} onChange={(e) => set({ type: e.target.value })} className={inputClass}>
              <option value="">All types</option>
              {types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.active ? t.name : `${t.name} (inactive)`}
                </option>
              ))}
            </select>
          </div>
          {byLocation && (
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-location`} className={label}>
                Location
              </label>
              <select
                id={`${id}-location`}
                value={shown.location}
                onChange={(e) => set({ location: e.target.value })}
                className={inputClass}
              >
                <option value="">All locations</option>
                {locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.active ? l.name : `${l.name} (closed)`}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </search>

      {report.isError && !invalid && <FormAlert message={report.error.message} />}
      {report.isPending && !invalid && <LoadingState label="Counting…" />}

      <p role="status" className="sr-only">
        {data && totals && !report.isFetching
          ? `Report for ${data.from} to ${data.to}: ${wholeNumber(totals.appointments)} appointments, no-show rate ${percentOf(totals.noShowRate)}, ${wholeNumber(totals.cancelled)} cancelled.`
          : ""}
      </p>

      {data && totals && (
        <div className={`flex flex-col gap-6 ${report.isFetching ? "opacity-70" : ""}`} aria-busy={report.isFetching}>
          <section aria-labelledby={`${id}-summary`}>
            <h2 id={`${id}-summary`} className="sr-only">
              Summary
            </h2>
            <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <Stat label="Appointments" value={wholeNumber(totals.appointments)} detail={`${wholeNumber(totals.completed)} completed`} />
              <Stat
                label="No-show rate"
                value={percentOf(totals.noShowRate)}
                detail={`${wholeNumber(totals.noShows)} of ${wholeNumber(totals.completed + totals.checkedIn + totals.noShows)} seen or missed`}
              />
              <Stat label="Cancellations" value={wholeNumber(totals.cancelled)} detail={cancellationDetail(totals)} />
              <Stat
                label="Utilisation"
                value={percentOf(totals.utilisation)}
                detail={`${hoursOf(totals.bookedMinutes)} of ${hoursOf(totals.availableMinutes)} booked`}
              />
              <Stat label="Booked online" value={percentOf(totals.onlineShare)} detail={`${wholeNumber(totals.online)} appointments`} />
              <Stat
                label="Waiting-list fills"
                value={wholeNumber(totals.waitlistFills)}
                detail="Freed times claimed from the waiting list"
              />
            </dl>
          </section>

          <ReportCharts days={data.days} providers={data.providers} typeFiltered={Boolean(data.filters.type)} />

          <Panel title="By provider" actions={<CsvButton table="providers" filters={filters} label="Download CSV" />}>
            <DataTable look="inset" columns={PROVIDER_COLUMNS} rows={data.providers} rowKey={(r) => r.id} empty="No providers." />
          </Panel>
          <Panel title="By appointment type" actions={<CsvButton table="types" filters={filters} label="Download CSV" />}>
            <DataTable look="inset" columns={TYPE_COLUMNS} rows={data.types} rowKey={(r) => r.id} empty="No appointment types." />
          </Panel>
          <Panel title="By day" actions={<CsvButton table="days" filters={filters} label="Download CSV" />}>
            <DataTable look="inset" columns={DAY_COLUMNS} rows={data.days} rowKey={(r) => r.date} empty="No days." />
          </Panel>
        </div>
      )}

      <NextAvailable filters={filters} providers={providers} timeZone={timeZone} />
    </div>
  );
}
