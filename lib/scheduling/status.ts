import type { AppointmentStatus } from "@/lib/db/schema/enum-values";

// The appointment lifecycle, in one place: which moves are allowed, which appointments can still
// be changed (moved, cancelled), and how each status is named and coloured on every screen.
// Pure and client-safe; the server enforces the same table the screens offer.

const TRANSITIONS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  scheduled: ["confirmed", "checked_in", "cancelled", "no_show"],
  confirmed: ["checked_in", "cancelled", "no_show"],
  checked_in: ["completed"],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses that hold the provider's time (the database's no-overlap rule ignores the others). */
export const LIVE_STATUSES: readonly AppointmentStatus[] = ["scheduled", "confirmed", "checked_in", "completed"];

/** Statuses in which an appointment may still be moved or cancelled (by staff or the patient's link). */
export const CHANGEABLE_STATUSES: readonly AppointmentStatus[] = ["scheduled", "confirmed"];

/** Statuses that free the slot. */
export const FREED_STATUSES: readonly AppointmentStatus[] = ["cancelled", "no_show"];

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: AppointmentStatus): readonly AppointmentStatus[] {
  return TRANSITIONS[from];
}

/** Status changes staff may take back for a short while after making them (cancelling notifies the patient, so it is confirmed instead). */
const UNDOABLE: readonly AppointmentStatus[] = ["confirmed", "checked_in", "completed", "no_show"];

/** Whether an appointment that moved from `previous` to `current` may be put back to `previous`. */
export function canUndo(previous: AppointmentStatus, current: AppointmentStatus): boolean {
  return UNDOABLE.includes(current) && canTransition(previous, current);
}

export function isTerminal(status: AppointmentStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export function isChangeable(status: AppointmentStatus): boolean {
  return CHANGEABLE_STATUSES.includes(status);
}

export function holdsTime(status: AppointmentStatus): boolean {
  return !FREED_STATUSES.includes(status);
}

export type StatusTone = "neutral" | "info" | "warn" | "good" | "bad";

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  checked_in: "Checked in",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

export const STATUS_TONES: Record<AppointmentStatus, StatusTone> = {
  scheduled: "neutral",
  confirmed: "info",
  checked_in: "warn",
  completed: "good",
  cancelled: "bad",
  no_show: "bad",
};

/** Tailwind classes of a status chip (border, background, text). */
export const STATUS_STYLES: Record<AppointmentStatus, string> = {
  scheduled: "border-slate-300 bg-slate-50 text-slate-800",
  confirmed: "border-blue-300 bg-blue-50 text-blue-900",
  checked_in: "border-amber-300 bg-amber-50 text-amber-900",
  completed: "border-emerald-300 bg-emerald-50 text-emerald-900",
  cancelled: "border-red-200 bg-red-50 text-red-800 line-through",
  no_show: "border-red-300 bg-red-50 text-red-900",
};

/** The status changes staff make from the schedule (cancel has its own dialog), in lifecycle order. */
const ACTION_LABELS: Partial<Record<AppointmentStatus, string>> = {
  confirmed: "Confirm",
  checked_in: "Check in",
  completed: "Complete",
  no_show: "No-show",
};

export type StatusChange = "confirmed" | "checked_in" | "completed" | "no_show";
export const STATUS_CHANGES: readonly StatusChange[] = ["confirmed", "checked_in", "completed", "no_show"];

export function nextActions(from: AppointmentStatus): { to: StatusChange; label: string }[] {
  return allowedTransitions(from)
    .filter((to): to is StatusChange => (STATUS_CHANGES as readonly string[]).includes(to))
    .map((to) => ({ to, label: ACTION_LABELS[to]! }));
}

function known(status: string): status is AppointmentStatus {
  return Object.hasOwn(STATUS_LABELS, status);
}

export function statusLabel(status: string): string {
  return known(status) ? STATUS_LABELS[status] : status;
}

export function statusStyle(status: string): string {
  return known(status) ? STATUS_STYLES[status] : "";
}

export function statusTone(status: string): StatusTone {
  return known(status) ? STATUS_TONES[status] : "neutral";
}
