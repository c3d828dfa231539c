"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { dayLabel, zoneLabel } from "@/components/scheduling/format";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { usePermission, useTenant } from "@/components/tenancy/tenant-provider";
import { PageHeader } from "@/components/ui/page-header";
import { roomColumns } from "@/lib/scheduling/room-columns";
import type { ScheduleOptions } from "@/lib/scheduling/schedule-options";
import { addDays, dayOfWeek } from "@/lib/time/wall-clock";
import { listAppointmentsAction } from "../actions";
import { AppointmentPanel, BookDialog, MoveDialog, preloadScheduleDialogs } from "./lazy-dialogs";
import { PhoneDayList } from "./phone-day-list";
import { TimeGrid, type BookRequest, type MoveRequest } from "./time-grid";
import { TodayList } from "./today-list";
import { useNarrowScreen } from "./use-narrow-screen";
import { useScheduleUrl, type ScheduleViewName } from "./use-schedule-url";

/** The schedule refreshes itself this often, so the front desk sees online bookings arrive. */
const REFRESH_MS = 30_000;

function mondayOf(date: string): string {
  return addDays(date, 1 - dayOfWeek(date));
}

const longDate = (date: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );

export function ScheduleView({ today, options, clinicianView }: { today: string; options: ScheduleOptions; clinicianView: boolean }) {
  const { providers, types, ownProviderId, businessHours, locations, rooms } = options;
  const tenant = useTenant();
  const canWrite = usePermission("appointments:write");
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const searchParams = useSearchParams();
  const narrow = useNarrowScreen();
  const reads = useMemo(() => scheduleKeys.all(orgId), [orgId]);
  const lockedProvider = clinicianView && ownProviderId ? ownProviderId : null;
  const [{ view, date, provider: providerFilter, by, location }, update] = useScheduleUrl(
    {
      view: clinicianView ? "week" : "day",
      date: today,
      provider: lockedProvider ?? "all",
      by: "provider",
      location: locations[0]?.id ?? "",
    },
    { providers: providers.map((p) => p.id), locations: locations.map((l) => l.id) },
    lockedProvider,
    reads,
  );
  // A link can open an appointment's panel: ?date=YYYY-MM-DD&appointment=<id> (the dashboard's rows do).
  const [selected, setSelected] = useState<string | null>(() => searchParams.get("appointment"));
  const [booking, setBooking] = useState<BookRequest | "toolbar" | null>(null);
  const [move, setMove] = useState<MoveRequest | null>(null);
  const [notice, setNotice] = useState("");

  // A phone shows one day as a list, whatever view the address names.
  const shown: ScheduleViewName = narrow ? "day" : view;
  const range = useMemo(() => {
    if (shown === "list") return { from: today, to: today };
    if (shown === "week") {
      const from = mondayOf(date);
      return { from, to: addDays(from, 6) };
    }
    return { from: date, to: date };
  }, [shown, date, today]);

  const providerId = providerFilter === "all" ? undefined : providerFilter;
  // Room columns are a day view of one location (a phone lists every visit): only that location's visits are asked for.
  const byRoom = narrow !== true && shown === "day" && by === "room";
  const locationId = byRoom ? location : undefined;
  const appointments = useQuery({
    queryKey: scheduleKeys.range(orgId, range.from, range.to, providerId, locationId),
    queryFn: () => unwrap(listAppointmentsAction({ from: range.from, to: range.to, providerId, locationId })),
    refetchInterval: REFRESH_MS,
  });

  const rows = appointments.data?.data ?? [];
  const loading = appointments.isPending || narrow === null;
  useEffect(() => {
    if (!loading) preloadScheduleDialogs();
  }, [loading]);
  const visibleProviders = providerFilter === "all" ? providers : providers.filter((p) => p.id === providerFilter);
  const columnsByRoom = byRoom ? roomColumns(rooms, location, rows) : undefined;
  const step = shown === "week" ? 7 : 1;
  const title =
    shown === "week" ? `${dayLabel(`${range.from}T12:00:00Z`, "UTC")} – ${dayLabel(`${range.to}T12:00:00Z`, "UTC")}` : longDate(date);
  const dates = Array.from({ length: shown === "week" ? 7 : 1 }, (_, i) => addDays(range.from, i));

  /** After a move is confirmed or dropped, the keyboard goes back to the appointment it was on. */
  const refocus = (id: string) =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-appointment-id="${id}"]`)?.focus());

  return (
    <div data-full-width className="flex flex-col gap-4">
      <PageHeader
        title="Schedule"
        actions={
          canWrite && (
            <button
              type="button"
              onClick={() => setBooking("toolbar")}
              className="rounded-md bg-[var(--brand-primary)] px-4 py-2 text-sm font-medium text-white hover:opacity-90"
            >
              Book appointment
            </button>
          )
        }
      />

      <div className="flex flex-wrap items-center gap-2 rounded-xl border border-slate-200 bg-white p-3">
        {!narrow && (
          <div role="group" aria-label="View" className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
            {(["day", "week", "list"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => update({ view: v })}
                className={`px-3 py-1.5 capitalize ${view === v ? "bg-slate-800 text-white" : "bg-white hover:bg-slate-100"}`}
              >
                {v === "list" ? "Today's list" : v}
              </button>
            ))}
          </div>
        )}
        <div className="flex items-center gap-1">
          <button
            type="button"
            aria-label={shown === "week" ? "Previous week" : "Previous day"}
            onClick={() => update({ date: addDays(date, -step) })}
            className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          >
            <span aria-hidden="true">←</span>
          </button>
          <button type="button" onClick={() => update({ date: today })} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Today
          </button>
          <button
            type="button"
            aria-label={shown === "week" ? "Next week" : "Next day"}
            onClick={() => update({ date: addDays(date, step) })}
            className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          >
            <span aria-hidden="true">→</span>
          </button>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <span className="sr-only">Date</span>
          <input
            type="date"
            value={date}
            onChange={(e) => e.target.value && update({ date: e.target.value })}
            className="rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
        {view === "day" && !narrow && locations.length > 0 && (
          <div role="group" aria-label="Columns" className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
            {(["provider", "room"] as const).map((g) => (
              <button
                key={g}
                type="button"
                aria-pressed={by === g}
                onClick={() => update({ by: g })}
                className={`px-3 py-1.5 ${by === g ? "bg-slate-800 text-white" : "bg-white hover:bg-slate-100"}`}
              >
                {g === "provider" ? "By provider" : "By room"}
              </button>
            ))}
          </div>
        )}
        {byRoom && locations.length > 1 && (
          <label className="flex items-center gap-2 text-sm">
            <span>Location</span>
            <select
              value={location}
              onChange={(e) => update({ location: e.target.value })}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
            >
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex items-center gap-2 text-sm">
          <span>Provider</span>
          <select
            value={providerFilter}
            onChange={(e) => update({ provider: e.target.value })}
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
        <span className="text-xs text-slate-600 sm:ml-auto">{zoneLabel(tz)}</span>
      </div>

      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 className="text-lg font-medium">{shown === "list" ? "Today's appointments" : title}</h2>
        {canWrite && !narrow && shown !== "list" && (
          <p className="text-xs text-slate-600">
            Click an empty time to book there. Drag an appointment to move it, or focus it and press M, then the arrow keys and Enter.
          </p>
        )}
      </div>
      <p role="status" className="sr-only">
        {notice}
      </p>
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

      {narrow ? (
        <PhoneDayList rows={rows} loading={loading} timeZone={tz} onSelect={setSelected} />
      ) : shown === "list" ? (
        <TodayList rows={rows} loading={loading} onSelect={setSelected} />
      ) : (
        <TimeGrid
          view={shown}
          dates={dates}
          today={today}
          timeZone={tz}
          providers={visibleProviders}
          rooms={columnsByRoom}
          appointments={rows}
          businessHours={businessHours}
          loading={loading}
          canWrite={canWrite}
          onSelect={setSelected}
          onBook={setBooking}
          onMove={setMove}
        />
      )}

      {selected && <AppointmentPanel id={selected} onClose={() => setSelected(null)} />}
      {move && (
        <MoveDialog
          move={move}
          providers={providers}
          onClose={() => {
            setMove(null);
            refocus(move.appointment.id);
          }}
          onMoved={(summary) => {
            setMove(null);
            setNotice(summary);
            refocus(move.appointment.id);
          }}
        />
      )}
      {booking && (
        <BookDialog
          providers={providers}
          types={types}
          defaultProviderId={(booking !== "toolbar" && booking.providerId) || providerId || providers[0]?.id || ""}
          defaultDate={booking !== "toolbar" ? booking.date : date < today ? today : date}
          defaultStartsAt={booking !== "toolbar" ? booking.startsAt : undefined}
          onClose={() => setBooking(null)}
          onBooked={(id) => {
            setBooking(null);
            setSelected(id);
          }}
        />
      )}
    </div>
  );
}
