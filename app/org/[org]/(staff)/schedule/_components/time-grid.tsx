"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { dayLabel, isoOf, timeLabel, type Instant } from "@/components/scheduling/format";
import type { BusinessHours } from "@/lib/db/schema/organization-settings";
import type { ScheduleAppointment } from "@/lib/scheduling/appointments-service";
import { packLanes } from "@/lib/scheduling/lanes";
import type { RoomColumn } from "@/lib/scheduling/room-columns";
import type { ProviderOption } from "@/lib/scheduling/schedule-options";
import { isChangeable, statusLabel, statusStyle } from "@/lib/scheduling/status";
import { formatDate, instantOfWallTime, wallTimeAt } from "@/lib/time/wall-clock";
import { useNow } from "./use-now";

/** Pixels per hour: a 15-minute visit is 20 px tall, enough for one line of text. */
export const HOUR_PX = 80;
/** The empty times one can click (or press Enter on) to book. */
const SLOT_MINUTES = 15;
/** Below this height a block shows one line (time and patient); the rest is in its name and tooltip. */
const TWO_LINES_PX = 36;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

export type MoveRequest = { appointment: ScheduleAppointment; startsAt: Date; providerId: string };
export type BookRequest = { providerId: string | null; date: string; startsAt: Date };

/** `roomId` is set (a resource id, or null for "No room") only on room columns. */
type Column = { key: string; date: string; providerId: string | null; label: string; today: boolean; roomId?: string | null };
type Preview = { id: string; colKey: string; minutes: number; via: "pointer" | "keyboard" };
type Grab = {
  appointment: ScheduleAppointment;
  pointerId: number;
  x: number;
  y: number;
  colKey: string;
  startMinutes: number;
  grabOffset: number;
  dragging: boolean;
  /** Where the block would land if dropped now (kept here too: a drop can come before the next render). */
  target: { colKey: string; minutes: number } | null;
};

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function localParts(instant: Instant, timeZone: string) {
  const t = wallTimeAt(new Date(isoOf(instant)).getTime(), timeZone);
  return { date: formatDate(t), minutes: t.hour * 60 + t.minute };
}

/** The instant of a wall-clock time on a day in the organization's zone. */
export function instantAt(date: string, minutes: number, timeZone: string): Date {
  const [year = 0, month = 0, day = 0] = date.split("-").map(Number);
  return new Date(instantOfWallTime({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }, timeZone));
}

const durationMinutes = (a: ScheduleAppointment) => Math.round((new Date(a.endsAt).getTime() - new Date(a.startsAt).getTime()) / 60_000);

const clockLabel = (minutes: number) =>
  new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
    new Date(Date.UTC(2000, 0, 1, 0, minutes)),
  );

const shortDay = (date: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T12:00:00Z`),
  );

/**
 * The schedule's time grid: a column per provider or per room (a day) or per day (a week),
 * appointments placed on a time axis in the organization's zone, overlapping ones side by side.
 * Empty times book, appointments open on click and move by drag or keyboard (M, arrows, Enter;
 * Escape cancels) — every move goes through `onMove`, which asks for confirmation. A visit's room
 * follows from its type and time, so in room columns a move changes only the time.
 */
export function TimeGrid({
  view,
  dates,
  today,
  timeZone,
  providers,
  rooms,
  appointments,
  businessHours,
  loading,
  canWrite,
  onSelect,
  onBook,
  onMove,
}: {
  view: "day" | "week";
  dates: string[];
  today: string;
  timeZone: string;
  providers: ProviderOption[];
  /** Draw the day with these room columns instead of the providers' (the appointments are one location's). */
  rooms?: RoomColumn[];
  appointments: ScheduleAppointment[];
  businessHours: BusinessHours;
  loading: boolean;
  canWrite: boolean;
  onSelect: (id: string) => void;
  onBook: (request: BookRequest) => void;
  onMove: (request: MoveRequest) => void;
}) {
  const now = useNow();
  const bodies = useRef(new Map<string, HTMLDivElement>());
  const grab = useRef<Grab | null>(null);
  const swallowClick = useRef(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [slotFocus, setSlotFocus] = useState<{ colKey: string; minutes: number } | null>(null);

  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const open = WEEKDAYS.map((d) => businessHours[d]).filter((h) => h.isOpen);
  const placed = appointments.map((a) => {
    const start = localParts(a.startsAt, timeZone);
    const end = localParts(a.endsAt, timeZone);
    return { a, start, endMinutes: end.date === start.date ? end.minutes : 24 * 60 };
  });
  const startMin = Math.min(open.length ? Math.min(...open.map((h) => minutesOf(h.start))) : 8 * 60, ...placed.map((p) => p.start.minutes));
  const endMin = Math.max(open.length ? Math.max(...open.map((h) => minutesOf(h.end))) : 18 * 60, ...placed.map((p) => p.endMinutes));
  const first = Math.floor(startMin / 60) * 60;
  const last = Math.min(Math.ceil(endMin / 60) * 60, 24 * 60);
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first / 60 + i);
  const height = ((last - first) / 60) * HOUR_PX;
  const y = (minutes: number) => ((minutes - first) / 60) * HOUR_PX;

  const byRoom = view === "day" && rooms !== undefined;
  const columns: Column[] = byRoom
    ? rooms.map((r) => ({
        key: `room:${r.id ?? "none"}`,
        date: dates[0]!,
        providerId: null,
        label: r.name,
        today: dates[0] === today,
        roomId: r.id,
      }))
    : view === "day"
      ? providers.map((p) => ({ key: p.id, date: dates[0]!, providerId: p.id, label: p.name, today: dates[0] === today }))
      : dates.map((d) => ({
          key: d,
          date: d,
          providerId: providers.length === 1 ? providers[0]!.id : null,
          label: shortDay(d),
          today: d === today,
        }));
  const showProvider = byRoom || (view === "week" && providers.length > 1);
  const inColumn = (col: Column) =>
    placed.filter(
      (p) =>
        p.start.date === col.date &&
        (col.roomId !== undefined
          ? p.a.resourceId === col.roomId
          : col.providerId
            ? p.a.providerId === col.providerId
            : providerName.has(p.a.providerId)),
    );

  if (!columns.length) {
    return <p className="text-slate-600">{byRoom ? "This location has no rooms or equipment yet." : "No providers to show."}</p>;
  }

  const nowParts = now ? localParts(now, timeZone) : null;
  /** Times already gone cannot be booked: no empty slot is offered there. */
  const isPast = (date: string, minutes: number) =>
    date < today || (date === today && nowParts !== null && nowParts.date === today && minutes + SLOT_MINUTES <= nowParts.minutes);
  const slotStarts = Array.from({ length: (last - first) / SLOT_MINUTES }, (_, i) => first + i * SLOT_MINUTES);
  const where = (col: Column, minutes: number) =>
    `${shortDay(col.date)}, ${clockLabel(minutes)}${col.providerId ? `, ${providerName.get(col.providerId)}` : ""}${
      col.roomId !== undefined ? `, ${col.label}` : ""
    }`;

  /** Keeps a moved block inside the grid, in whole steps of its length from where it was. */
  const snap = (from: number, raw: number, length: number) => {
    let minutes = from + Math.round((raw - from) / length) * length;
    while (minutes < first) minutes += length;
    while (minutes + length > last && minutes - length >= first) minutes -= length;
    return minutes;
  };

  const requestMove = (a: ScheduleAppointment, colKey: string, minutes: number) => {
    const col = columns.find((c) => c.key === colKey);
    if (!col) return;
    const startsAt = instantAt(col.date, minutes, timeZone);
    const providerId = col.providerId ?? a.providerId;
    if (startsAt.getTime() === new Date(a.startsAt).getTime() && providerId === a.providerId) return;
    onMove({ appointment: a, startsAt, providerId });
  };

  const columnAt = (clientX: number): string | null => {
    for (const [key, el] of bodies.current) {
      const r = el.getBoundingClientRect();
      if (clientX >= r.left && clientX < r.right) return key;
    }
    return null;
  };

  const movable = (a: ScheduleAppointment) => canWrite && isChangeable(a.status);

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>, a: ScheduleAppointment, colKey: string, startMinutes: number) => {
    swallowClick.current = false;
    if (e.button !== 0 || !movable(a)) return;
    const body = bodies.current.get(colKey);
    if (!body) return;
    const pointerMinutes = first + ((e.clientY - body.getBoundingClientRect().top) / HOUR_PX) * 60;
    grab.current = {
      appointment: a,
      pointerId: e.pointerId,
      x: e.clientX,
      y: e.clientY,
      colKey,
      startMinutes,
      grabOffset: pointerMinutes - startMinutes,
      dragging: false,
      target: null,
    };
  };

  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const g = grab.current;
    if (!g || g.pointerId !== e.pointerId) return;
    if (!g.dragging) {
      if (Math.hypot(e.clientX - g.x, e.clientY - g.y) < 6) return;
      g.dragging = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    const colKey = byRoom ? g.colKey : (columnAt(e.clientX) ?? g.colKey);
    const body = bodies.current.get(colKey);
    if (!body) return;
    const raw = first + ((e.clientY - body.getBoundingClientRect().top) / HOUR_PX) * 60 - g.grabOffset;
    g.target = { colKey, minutes: snap(g.startMinutes, raw, durationMinutes(g.appointment)) };
    setPreview({ id: g.appointment.id, ...g.target, via: "pointer" });
  };

  const onPointerUp = (e: PointerEvent<HTMLButtonElement>) => {
    const g = grab.current;
    grab.current = null;
    if (!g || !g.dragging) return;
    swallowClick.current = true;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (g.target) requestMove(g.appointment, g.target.colKey, g.target.minutes);
    setPreview(null);
  };

  const onBlockKey = (e: KeyboardEvent<HTMLButtonElement>, a: ScheduleAppointment, col: Column, startMinutes: number, name: string) => {
    const moving = preview?.via === "keyboard" && preview.id === a.id ? preview : null;
    if (!moving) {
      if ((e.key === "m" || e.key === "M") && !e.ctrlKey && !e.metaKey && !e.altKey && movable(a)) {
        e.preventDefault();
        setPreview({ id: a.id, colKey: col.key, minutes: startMinutes, via: "keyboard" });
        setAnnouncement(
          `Moving ${name}, now ${where(col, startMinutes)}. Up and down arrows change the time${
            byRoom ? "" : `, left and right the ${view === "day" ? "column" : "day"}`
          }; Enter confirms, Escape cancels.`,
        );
      }
      return;
    }
    const length = durationMinutes(a);
    const index = columns.findIndex((c) => c.key === moving.colKey);
    let next = moving;
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const minutes = moving.minutes + (e.key === "ArrowUp" ? -length : length);
      if (minutes >= first && minutes + length <= last) next = { ...moving, minutes };
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !byRoom) {
      const beside = columns[index + (e.key === "ArrowLeft" ? -1 : 1)];
      if (beside) next = { ...moving, colKey: beside.key };
    } else if (e.key === "Enter") {
      e.preventDefault();
      setPreview(null);
      setAnnouncement("");
      requestMove(a, moving.colKey, moving.minutes);
      return;
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setPreview(null);
      setAnnouncement(`Move cancelled; ${name} stays where it was.`);
      return;
    } else if (e.key === " ") {
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    setPreview(next);
    const target = columns.find((c) => c.key === next.colKey);
    if (target) setAnnouncement(where(target, next.minutes));
  };

  const focusSlot = (colKey: string, minutes: number) => {
    setSlotFocus({ colKey, minutes });
    bodies.current.get(colKey)?.querySelector<HTMLButtonElement>(`[data-slot="${minutes}"]`)?.focus();
  };

  const onSlotKey = (e: KeyboardEvent<HTMLButtonElement>, colIndex: number, minutes: number) => {
    const col = columns[colIndex]!;
    if (e.key === "ArrowUp" && minutes - SLOT_MINUTES >= first) focusSlot(col.key, minutes - SLOT_MINUTES);
    else if (e.key === "ArrowDown" && minutes + SLOT_MINUTES < last) focusSlot(col.key, minutes + SLOT_MINUTES);
    else if (e.key === "ArrowLeft" && colIndex > 0) focusSlot(columns[colIndex - 1]!.key, minutes);
    else if (e.key === "ArrowRight" && colIndex < columns.length - 1) focusSlot(columns[colIndex + 1]!.key, minutes);
    else return;
    e.preventDefault();
  };

  return (
    <div className="rounded-xl border border-slate-200 bg-white" aria-busy={loading}>
      <p role="status" className="sr-only">
        {loading ? "Loading appointments…" : announcement}
      </p>
      {/* The day's columns can be wider than the screen: the scroller takes focus so keyboard users
          can scroll it sideways even while it loads, or when it holds nothing to focus. */}
      <div
        className={view === "day" ? "overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-700" : ""}
        {...(view === "day" ? { tabIndex: 0, role: "group", "aria-label": "Day schedule" } : {})}
      >
        <div className="flex" style={view === "day" ? { minWidth: `${3.5 + columns.length * 9}rem` } : undefined}>
          <div className="w-14 shrink-0 border-r border-slate-200" aria-hidden="true">
            <div className="h-10 border-b border-slate-200" />
            <div className="relative" style={{ height }}>
              {hours.map((h, i) => (
                <span key={h} className="absolute right-2 -translate-y-2 text-xs text-slate-600" style={{ top: i * HOUR_PX }}>
                  {new Intl.DateTimeFormat("en-US", { hour: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(2000, 0, 1, h)))}
                </span>
              ))}
            </div>
          </div>
          {columns.map((col, colIndex) => {
            const items = inColumn(col);
            const lanes = packLanes(items.map((p) => ({ id: p.a.id, start: p.start.minutes, end: p.endMinutes })));
            const focusMinutes =
              slotFocus?.colKey === col.key ? slotFocus.minutes : (slotStarts.find((m) => !isPast(col.date, m)) ?? first);
            const ghost = preview?.colKey === col.key ? appointments.find((a) => a.id === preview.id) : undefined;
            return (
              <div
                key={col.key}
                className="min-w-0 flex-1 border-r border-slate-200 last:border-r-0"
                data-column={col.label}
                data-column-date={col.date}
              >
                <div
                  className={`flex h-10 items-center justify-center border-b border-slate-200 px-1 text-sm font-medium ${
                    col.today ? "bg-sky-50 text-sky-900" : "bg-slate-50"
                  }`}
                >
                  <span className="truncate" aria-current={col.today && view === "week" ? "date" : undefined}>
                    {col.label}
                  </span>
                </div>
                <div
                  className="relative"
                  style={{ height }}
                  ref={(el) => {
                    if (el) bodies.current.set(col.key, el);
                    else bodies.current.delete(col.key);
                  }}
                >
                  {hours.map((h, i) => (
                    <div
                      key={h}
                      aria-hidden="true"
                      className="pointer-events-none absolute inset-x-0 border-t border-slate-100"
                      style={{ top: i * HOUR_PX }}
                    />
                  ))}
                  {canWrite &&
                    !loading &&
                    slotStarts
                      .filter((m) => !isPast(col.date, m))
                      .map((m) => (
                        <button
                          key={m}
                          type="button"
                          data-slot={m}
                          tabIndex={m === focusMinutes ? 0 : -1}
                          aria-label={`Book ${where(col, m)}`}
                          onFocus={() => setSlotFocus({ colKey: col.key, minutes: m })}
                          onKeyDown={(e) => onSlotKey(e, colIndex, m)}
                          onClick={() => onBook({ providerId: col.providerId, date: col.date, startsAt: instantAt(col.date, m, timeZone) })}
                          className="absolute inset-x-0 z-0 hover:bg-sky-50 focus-visible:z-30 focus-visible:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-700"
                          style={{ top: y(m), height: (SLOT_MINUTES / 60) * HOUR_PX }}
                        />
                      ))}
                  {loading &&
                    [1.5, 3, 5.5].map((h, i) => (
                      <div
                        key={h}
                        aria-hidden="true"
                        data-skeleton=""
                        className="absolute inset-x-1 animate-pulse rounded-md bg-slate-200"
                        style={{ top: h * HOUR_PX + ((colIndex * 37) % 50), height: HOUR_PX * (i === 1 ? 1 : 0.5) - 2 }}
                      />
                    ))}
                  {!loading &&
                    items.map(({ a, start, endMinutes }) => {
                      const lane = lanes.get(a.id) ?? { lane: 0, lanes: 1 };
                      const blockHeight = Math.max(((endMinutes - start.minutes) / 60) * HOUR_PX - 2, 16);
                      const compact = blockHeight < TWO_LINES_PX;
                      const provider = showProvider ? a.providerName : null;
                      const time = timeLabel(a.startsAt, timeZone);
                      const details = [
                        `${time} – ${timeLabel(a.endsAt, timeZone)}`,
                        a.patientName,
                        a.appointmentTypeName,
                        a.providerName,
                        a.mode === "telehealth" ? "Video visit" : null,
                        statusLabel(a.status),
                        a.rescheduleRequestedAt ? "Patient asked to reschedule" : null,
                      ]
                        .filter(Boolean)
                        .join(" · ");
                      const picked = preview?.id === a.id;
                      return (
                        <button
                          key={a.id}
                          type="button"
                          data-appointment-id={a.id}
                          title={details}
                          aria-keyshortcuts={movable(a) ? "M" : undefined}
                          onClick={() => {
                            if (swallowClick.current) {
                              swallowClick.current = false;
                              return;
                            }
                            onSelect(a.id);
                          }}
                          onPointerDown={(e) => onPointerDown(e, a, col.key, start.minutes)}
                          onPointerMove={onPointerMove}
                          onPointerUp={onPointerUp}
                          onPointerCancel={() => {
                            grab.current = null;
                            setPreview(null);
                          }}
                          onKeyDown={(e) => onBlockKey(e, a, col, start.minutes, `${a.patientName} at ${time}`)}
                          onBlur={() => {
                            if (preview?.via === "keyboard" && preview.id === a.id) setPreview(null);
                          }}
                          className={`absolute z-10 flex flex-col justify-start overflow-hidden rounded-md border text-left text-xs leading-4 shadow-sm focus-visible:z-30 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-700 ${`${lane.lanes > 1 ? "px-1" : "px-1.5"} ${compact ? "py-0" : "py-0.5"}`} ${statusStyle(a.status)} ${picked ? "opacity-60" : ""} ${movable(a) ? "cursor-grab touch-none" : ""}`}
                          style={{
                            top: y(start.minutes),
                            height: blockHeight,
                            left: `calc(${(lane.lane / lane.lanes) * 100}% + 2px)`,
                            width: `calc(${100 / lane.lanes}% - 4px)`,
                          }}
                        >
                          {/* The name is the visible text plus what does not fit: "9:00 AM Ann Lee, Check-up, confirmed". */}
                          <span className="block truncate font-medium">
                            {time} {a.patientName}
                            <span className="sr-only">,</span>
                          </span>
                          <span className={compact ? "sr-only" : "block truncate"}>
                            {a.appointmentTypeName}
                            {provider ? <span className="sr-only">, {provider}</span> : null}
                            {a.mode === "telehealth" ? " · video" : ""}
                            <span className="sr-only">, {statusLabel(a.status).toLowerCase()}</span>
                          </span>
                          {a.rescheduleRequestedAt ? (
                            <span className={compact ? "sr-only" : "block truncate font-medium"}>
                              <span className="sr-only">, </span>Asked to reschedule
                            </span>
                          ) : null}
                        </button>
                      );
                    })}
                  {ghost && preview && (
                    <div
                      aria-hidden="true"
                      data-move-preview=""
                      className="pointer-events-none absolute inset-x-1 z-20 rounded-md border-2 border-dashed border-sky-700 bg-sky-100/80 px-1.5 text-xs font-medium text-sky-950"
                      style={{ top: y(preview.minutes), height: Math.max((durationMinutes(ghost) / 60) * HOUR_PX - 2, 16) }}
                    >
                      → {clockLabel(preview.minutes)}
                    </div>
                  )}
                  {col.date === nowParts?.date && nowParts.minutes >= first && nowParts.minutes <= last && (
                    <div
                      aria-hidden="true"
                      data-now-line=""
                      className="pointer-events-none absolute inset-x-0 z-20 border-t-2 border-red-600"
                      style={{ top: y(nowParts.minutes) }}
                    >
                      <span className="absolute -top-1.5 -left-1 h-2.5 w-2.5 rounded-full bg-red-600" />
                    </div>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** "Tue, Dec 8, 9:00 AM" in the organization's zone (the confirmation's old and new times). */
export const whenLabel = (instant: Instant, timeZone: string) => `${dayLabel(instant, timeZone)}, ${timeLabel(instant, timeZone)}`;
