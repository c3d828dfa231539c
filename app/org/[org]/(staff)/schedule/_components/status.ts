export const STATUS_STYLES: Record<string, string> = {
  scheduled: "border-slate-300 bg-slate-50 text-slate-800",
  confirmed: "border-blue-300 bg-blue-50 text-blue-900",
  checked_in: "border-amber-300 bg-amber-50 text-amber-900",
  completed: "border-emerald-300 bg-emerald-50 text-emerald-900",
  cancelled: "border-red-200 bg-red-50 text-red-800 line-through opacity-70",
  no_show: "border-red-300 bg-red-50 text-red-900",
};

export const STATUS_LABELS: Record<string, string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  checked_in: "Checked in",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

/** The actions the lifecycle allows from each status (the server enforces the same table). */
export const NEXT_ACTIONS: Record<string, { to: "confirmed" | "checked_in" | "completed" | "no_show"; label: string }[]> = {
  scheduled: [
    { to: "confirmed", label: "Confirm" },
    { to: "checked_in", label: "Check in" },
    { to: "no_show", label: "No-show" },
  ],
  confirmed: [
    { to: "checked_in", label: "Check in" },
    { to: "no_show", label: "No-show" },
  ],
  checked_in: [{ to: "completed", label: "Complete" }],
};
