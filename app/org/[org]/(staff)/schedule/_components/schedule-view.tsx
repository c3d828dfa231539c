"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { Temporal } from "temporal-polyfill";
import { unwrap } from "@/components/actions/action-client";
import { addDays, dayLabel, zoneLabel } from "@/components/scheduling/format";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { usePermission, useTenant } from "@/components/tenancy/tenant-provider";
import { PageHeader } from "@/components/ui/page-header";
import type { ScheduleOptions } from "@/lib/scheduling/schedule-options";
import { listAppointmentsAction } from "../actions";
import { AppointmentPanel } from "./appointment-panel";
import { BookDialog } from "./book-dialog";
import { DayGrid } from "./day-grid";
import { TodayList } from "./today-list";

type View = "day" | "week" | "list";

/** The schedule refreshes itself this often, so the front desk sees online bookings arrive. */
const REFRESH_MS = 30_000;

function mondayOf(date: string): string {
  const d = Temporal.PlainDate.from(date);
  return d.subtract({ days: d.dayOfWeek - 1 }).toString();
}

export function ScheduleView({ today, options, clinicianView }: { today: string; options: ScheduleOptions; clinicianView: boolean }) {
  const { providers, types, ownProviderId, businessHours } = options;
  const tenant = useTenant();
  const canWrite = usePermission("appointments:write");
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  // A link can open a day and an appointment's panel: ?date=YYYY-MM-DD&appointment=<id>.
  const linked = useSearchParams();
  const linkedDate = linked.get("date");
  const [view, setView] = useState<View>(clinicianView ? "week" : "day");
  const [date, setDate] = useState(linkedDate && /^\d{4}-\d{2}-\d{2}$/.test(linkedDate) ? linkedDate : today);
  const [providerFilter, setProviderFilter] = useState<string>(clinicianView && ownProviderId ? ownProviderId : "all");
  const [selected, setSelected] = useState<string | null>(linked.get("appointment"));
  const [booking, setBooking] = useState(false);

  const range = useMemo(() => {
    if (view === "list") return { from: today, to: today };
    if (view === "week") {
      const from = mondayOf(date);
      return { from, to: addDays(from, 6) };
    }
    return { from: date, to: date };
  }, [view, date, today]);

  const providerId = providerFilter === "all" ? undefined : providerFilter;
  const appointments = useQuery({
    queryKey: scheduleKeys.range(orgId, range.from, range.to, providerId),
    queryFn: () => unwrap(listAppointmentsAction({ from: range.from, to: range.to, providerId })),
    refetchInterval: REFRESH_MS,
  });

  const rows = appointments.data?.data ?? [];
  const visibleProviders = providerFilter === "all" ? providers : providers.filter((p) => p.id === providerFilter);
  const step = view === "week" ? 7 : 1;
  const title =
    view === "week"
      ? `${dayLabel(`${range.from}T12:00:00Z`, "UTC")} – ${dayLabel(`${range.to}T12:00:00Z`, "UTC")}`
      : new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" }).format(
          new Date(`${date}T12:00:00Z`),
        );

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Schedule"
        actions={
          canWrite && (
            <button
              type="button"
              onClick={() => setBooking(true)}
              className="rounded-md bg-[var(--brand-primary)] px-4 py-2 text-sm font-medium text-white hover:opacity-90"
            >
              Book appointment
            </button>
          )
        }
      />

      <div className="flex flex-wrap items-center gap-2 rounded-xl border border-slate-200 bg-white p-3">
        <div role="group" aria-label="View" className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
          {(["day", "week", "list"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`px-3 py-1.5 capitalize ${view === v ? "bg-slate-800 text-white" : "bg-white hover:bg-slate-100"}`}
            >
              {v === "list" ? "Today's list" : v}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-1">
          <button
            type="button"
            aria-label="Previous"
            onClick={() => setDate(addDays(date, -step))}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            ←
          </button>
          <button type="button" onClick={() => setDate(today)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Today
          </button>
          <button
            type="button"
            aria-label="Next"
            onClick={() => setDate(addDays(date, step))}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            →
          </button>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <span className="sr-only">Date</span>
          <input
            type="date"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <span>Provider</span>
          <select
            value={providerFilter}
            onChange={(e) => setProviderFilter(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
            disabled={clinicianView}
          >
            {!clinicianView && <option value="all">All providers</option>}
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <span className="ml-auto text-xs text-slate-500">{zoneLabel(tz)}</span>
      </div>

      <h2 className="text-lg font-medium">{view === "list" ? "Today's appointments" : title}</h2>
      {appointments.isError && (
        <p role="alert" className="text-red-700">
          {appointments.error.message}
        </p>
      )}
      {appointments.data?.truncated && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Not every appointment in this range is shown. Choose one provider or a shorter range.
        </p>
      )}
      {clinicianView && !ownProviderId && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your account is not linked to a provider yet, so you have no schedule of your own.
        </p>
      )}

      {view === "list" ? (
        <TodayList rows={rows} loading={appointments.isPending} onSelect={setSelected} />
      ) : (
        <DayGrid
          date={range.from}
          days={view === "week" ? 7 : 1}
          timeZone={tz}
          providers={visibleProviders}
          appointments={rows}
          businessHours={businessHours}
          onSelect={setSelected}
          loading={appointments.isPending}
        />
      )}

      {selected && <AppointmentPanel id={selected} onClose={() => setSelected(null)} />}
      {booking && (
        <BookDialog
          providers={providers}
          types={types}
          defaultProviderId={providerId ?? providers[0]?.id ?? ""}
          defaultDate={date < today ? today : date}
          onClose={() => setBooking(false)}
          onBooked={(id) => {
            setBooking(false);
            setSelected(id);
          }}
        />
      )}
    </div>
  );
}
