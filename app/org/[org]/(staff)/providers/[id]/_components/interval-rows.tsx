"use client";

import { useId } from "react";
import { inputBase, linkButton } from "@/components/ui/form-field";

export type IntervalRow = { key: string; startTime: string; endTime: string };

let counter = 0;
export function newRow(startTime: string, endTime: string): IntervalRow {
  counter += 1;
  return { key: `row-${counter}`, startTime, endTime };
}

/** The next interval after the last one: an hour later, or 09:00–17:00 on an empty day. */
export function nextInterval(rows: IntervalRow[]): IntervalRow {
  const last = rows[rows.length - 1];
  if (!last || !/^\d\d:\d\d/.test(last.endTime)) return newRow("09:00", "17:00");
  const hour = Math.min(Number(last.endTime.slice(0, 2)) + 1, 23);
  const start = `${String(hour).padStart(2, "0")}:00`;
  return newRow(start, hour >= 23 ? "23:59" : `${String(hour + 1).padStart(2, "0")}:00`);
}

/** Start/end time inputs for one day, each row with its errors and a remove button. */
export function IntervalRows({
  dayLabel,
  rows,
  onChange,
  errorsFor,
  readOnly,
}: {
  dayLabel: string;
  rows: IntervalRow[];
  onChange: (rows: IntervalRow[]) => void;
  errorsFor?: (index: number) => string[];
  readOnly?: boolean;
}) {
  const id = useId();
  if (readOnly) {
    return (
      <ul className="flex flex-col gap-0.5 text-sm tabular-nums sm:pt-2">
        {rows.map((row) => (
          <li key={row.key}>
            {row.startTime}–{row.endTime}
          </li>
        ))}
      </ul>
    );
  }
  const update = (key: string, patch: Partial<IntervalRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <ul className="flex flex-col gap-2">
      {rows.map((row, index) => {
        const errors = errorsFor?.(index) ?? [];
        const base = `${id}-${row.key}`;
        const n = rows.length > 1 ? ` (hours ${index + 1})` : "";
        return (
          <li key={row.key} className="flex flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <label htmlFor={`${base}-start`} className="sr-only">
                {dayLabel} start{n}
              </label>
              <input
                id={`${base}-start`}
                type="time"
                value={row.startTime}
                onChange={(e) => update(row.key, { startTime: e.target.value })}
                aria-invalid={errors.length ? true : undefined}
                aria-describedby={errors.length ? `${base}-error` : undefined}
                className={`${inputBase} w-32`}
              />
              <span aria-hidden className="text-sm text-slate-500">
                to
              </span>
              <label htmlFor={`${base}-end`} className="sr-only">
                {dayLabel} end{n}
              </label>
              <input
                id={`${base}-end`}
                type="time"
                value={row.endTime}
                onChange={(e) => update(row.key, { endTime: e.target.value })}
                aria-invalid={errors.length ? true : undefined}
                aria-describedby={errors.length ? `${base}-error` : undefined}
                className={`${inputBase} w-32`}
              />
              <button
                type="button"
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                className="rounded px-2 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-red-700"
                aria-label={`Remove ${dayLabel} ${row.startTime || "?"}–${row.endTime || "?"}`}
              >
                Remove
              </button>
            </div>
            {errors.length > 0 && (
              <span id={`${base}-error`} className="text-sm text-red-700">
                {errors.join(" ")}
              </span>
            )}
          </li>
        );
      })}
      <li>
        <button
          type="button"
          className={linkButton}
          onClick={() => onChange([...rows, nextInterval(rows)])}
          aria-label={`Add hours on ${dayLabel}`}
        >
          + Add hours
        </button>
      </li>
    </ul>
  );
}
