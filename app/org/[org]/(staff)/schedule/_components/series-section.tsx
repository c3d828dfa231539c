"use client";

import { useId, useState } from "react";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { dayLabel, timeLabel } from "@/components/scheduling/format";
import { FieldError, FormAlert } from "@/components/ui/form-field";
import { MAX_SERIES_VISITS, type SeriesRule } from "@/lib/scheduling/series-limits";
import { addDays, dateInZone, wallTimeAt } from "@/lib/time/wall-clock";
import { previewSeriesAction } from "../actions";

export type SeriesPlan = {
  patientId: string;
  providerId: string;
  appointmentTypeId: string;
  mode: "in_person" | "telehealth";
  startsAt: Date;
};

type Visit = { startsAt: Date; endsAt: Date; free: boolean; alternatives: Date[] };

/** What the dialog books: the series' days and times, each visit's chosen start (null: skipped). */
export type SeriesChoice = {
  startDate: string;
  startTime: string;
  rule: SeriesRule;
  starts: Date[];
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Repeat a staff booking weekly: every N weeks, for a number of visits or until a date. "Check the
 * dates" shows each visit free or not; a visit that is not free takes another free time that day,
 * or is skipped. The choice goes up to the dialog, which books the series.
 */
export function SeriesSection({
  plan,
  timeZone,
  onChoice,
}: {
  plan: SeriesPlan;
  timeZone: string;
  /** The series as chosen now, or null while there is nothing to book (not checked, or all skipped). */
  onChoice: (choice: SeriesChoice | null) => void;
}) {
  const id = useId();
  const [intervalWeeks, setIntervalWeeks] = useState("1");
  const [ends, setEnds] = useState<"count" | "until">("count");
  const [count, setCount] = useState("6");
  const startDate = dateInZone(plan.startsAt, timeZone);
  const wall = wallTimeAt(plan.startsAt.getTime(), timeZone);
  const startTime = `${pad(wall.hour)}:${pad(wall.minute)}`;
  const [until, setUntil] = useState(addDays(startDate, 7 * 12));
  const [visits, setVisits] = useState<Visit[] | null>(null);
  /** Per visit: the chosen start's ms, or null to skip. */
  const [picks, setPicks] = useState<(number | null)[]>([]);

  const rule: SeriesRule =
    ends === "count" ? { intervalWeeks: Number(intervalWeeks), count: Number(count) } : { intervalWeeks: Number(intervalWeeks), until };

  const publish = (list: Visit[] | null, chosen: (number | null)[]) => {
    const starts = chosen.filter((p): p is number => p !== null).map((ms) => new Date(ms));
    onChoice(list && starts.length ? { startDate, startTime, rule, starts } : null);
  };

  const preview = useActionMutation(previewSeriesAction, {
    onSuccess: (data) => {
      const list = data.visits.map((v) => ({
        startsAt: new Date(v.startsAt),
        endsAt: new Date(v.endsAt),
        free: v.free,
        alternatives: v.alternatives.map((a) => new Date(a)),
      }));
      const chosen = list.map((v) => (v.free ? v.startsAt.getTime() : (v.alternatives[0]?.getTime() ?? null)));
      setVisits(list);
      setPicks(chosen);
      publish(list, chosen);
    },
  });

  /** Any change of the rule: the checked dates no longer apply. */
  const reset = () => {
    setVisits(null);
    setPicks([]);
    onChoice(null);
  };
  const fe = preview.errors.fieldErrors;
  const ruleErrors = [...(fe["rule.intervalWeeks"] ?? []), ...(fe["rule.count"] ?? []), ...(fe["rule.until"] ?? [])];
  const booked = picks.filter((p) => p !== null).length;
  const input = "rounded-md border border-slate-300 px-2 py-1.5";

  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 font-medium">Repeat weekly</legend>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-every`}>Every (weeks)</label>
          <input
            id={`${id}-every`}
            type="number"
            min={1}
            max={12}
            value={intervalWeeks}
            onChange={(e) => {
              setIntervalWeeks(e.target.value);
              reset();
            }}
            className={`${input} w-20`}
          />
        </div>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1">Ends</legend>
          <div className="flex flex-wrap items-center gap-3">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-ends`}
                checked={ends === "count"}
                onChange={() => {
                  setEnds("count");
                  reset();
                }}
              />
              After
            </label>
            <input
              aria-label="Number of visits"
              type="number"
              min={2}
              max={MAX_SERIES_VISITS}
              value={count}
              disabled={ends !== "count"}
              onChange={(e) => {
                setCount(e.target.value);
                reset();
              }}
              className={`${input} w-20`}
            />
            <span>visits</span>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name={`${id}-ends`}
                checked={ends === "until"}
                onChange={() => {
                  setEnds("until");
                  reset();
                }}
              />
              On
            </label>
            <input
              aria-label="Last day of the series"
              type="date"
              min={startDate}
              value={until}
              disabled={ends !== "until"}
              onChange={(e) => {
                setUntil(e.target.value);
                reset();
              }}
              className={input}
            />
          </div>
        </fieldset>
        <button
          type="button"
          disabled={preview.isPending}
          onClick={() => preview.mutate({ ...plan, startDate, startTime, rule })}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50 disabled:opacity-50"
        >
          {preview.isPending ? "Checking…" : "Check the dates"}
        </button>
      </div>
      <FieldError id={`${id}-rule-error`} errors={ruleErrors.length ? ruleErrors : undefined} />
      <FormAlert message={preview.errors.formError} fieldErrors={fe} shownFields={["rule.intervalWeeks", "rule.count", "rule.until"]} />
      {visits && (
        <div className="flex flex-col gap-2">
          <p role="status">
            {visits.filter((v) => v.free).length} of {visits.length} visits are free at {timeLabel(plan.startsAt, timeZone)}; {booked} will
            be booked.
          </p>
          <ul
            aria-label="Visits in the series"
            className="flex max-h-64 flex-col divide-y divide-slate-100 overflow-y-auto rounded-md border"
          >
            {visits.map((v, i) => {
              const label = `${dayLabel(v.startsAt, timeZone)}, ${timeLabel(v.startsAt, timeZone)}`;
              return (
                <li key={v.startsAt.getTime()} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                  <span className={picks[i] === null ? "text-slate-500 line-through" : ""}>{label}</span>
                  {v.free ? (
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={picks[i] !== null}
                        onChange={(e) => {
                          const next = [...picks];
                          next[i] = e.target.checked ? v.startsAt.getTime() : null;
                          setPicks(next);
                          publish(visits, next);
                        }}
                      />
                      Book
                    </label>
                  ) : (
                    <label className="flex items-center gap-2">
                      <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">Not free</span>
                      <span className="sr-only">Instead, for {label}:</span>
                      <select
                        value={picks[i] === null ? "" : String(picks[i])}
                        onChange={(e) => {
                          const next = [...picks];
                          next[i] = e.target.value ? Number(e.target.value) : null;
                          setPicks(next);
                          publish(visits, next);
                        }}
                        className="rounded-md border border-slate-300 bg-white px-2 py-1"
                      >
                        {v.alternatives.map((a) => (
                          <option key={a.getTime()} value={a.getTime()}>
                            {timeLabel(a, timeZone)} instead
                          </option>
                        ))}
                        <option value="">Skip this visit</option>
                      </select>
                    </label>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
