"use client";

import { useState } from "react";
import type { FormErrors } from "@/components/actions/action-client";
import { SaveBar } from "@/components/ui/form-actions";
import { FormAlert, secondaryButton } from "@/components/ui/form-field";
import { Panel } from "@/components/ui/panel";
import type { ProviderDetail } from "@/lib/providers/service";
import { setWeeklyHoursAction } from "../../actions";
import { IntervalRows, newRow, type IntervalRow } from "./interval-rows";
import { useProviderMutation } from "./use-provider-mutation";

// ISO weekday numbers, as the API and the slot engine use them (1 = Monday).
const WEEKDAYS = [
  [1, "Monday"],
  [2, "Tuesday"],
  [3, "Wednesday"],
  [4, "Thursday"],
  [5, "Friday"],
  [6, "Saturday"],
  [7, "Sunday"],
] as const;

type Week = Record<number, IntervalRow[]>;

function weekFrom(hours: ProviderDetail["weeklyHours"]): Week {
  const week: Week = {};
  for (const [day] of WEEKDAYS) {
    week[day] = hours
      .filter((h) => h.weekday === day)
      .sort((a, b) => a.startTime.localeCompare(b.startTime))
      .map((h) => newRow(h.startTime, h.endTime));
  }
  return week;
}

function payloadOf(week: Week) {
  return WEEKDAYS.flatMap(([day]) => (week[day] ?? []).map((r) => ({ weekday: day, startTime: r.startTime, endTime: r.endTime })));
}

/** Rows that overlap another row of the same day (the server refuses those with one message). */
function overlapping(rows: IntervalRow[]): Set<string> {
  const keys = new Set<string>();
  rows.forEach((a, i) =>
    rows.forEach((b, j) => {
      if (i !== j && a.startTime && a.endTime && b.startTime && b.endTime && a.startTime < b.endTime && b.startTime < a.endTime)
        keys.add(a.key);
    }),
  );
  return keys;
}

export function WeeklyHoursEditor({
  provider,
  canManage,
  className,
}: {
  provider: ProviderDetail;
  canManage: boolean;
  className?: string;
}) {
  const incoming = JSON.stringify(payloadOf(weekFrom(provider.weeklyHours)));
  const [baseline, setBaseline] = useState(incoming);
  const [week, setWeek] = useState<Week>(() => weekFrom(provider.weeklyHours));
  // Fresh server data replaces the editor's rows unless someone is in the middle of editing them.
  if (incoming !== baseline) {
    setBaseline(incoming);
    if (JSON.stringify(payloadOf(week)) === baseline) setWeek(weekFrom(provider.weeklyHours));
  }
  const [sent, setSent] = useState<ReturnType<typeof payloadOf>>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const save = useProviderMutation((hours: ReturnType<typeof payloadOf>) => setWeeklyHoursAction({ id: provider.id, hours }), {
    onSuccess: () => setNotice("Working hours saved."),
  });
  // Only row errors are highlighted; a week-level refusal (overlaps) is listed on its own.
  const rowLevel = Object.keys(save.errors.fieldErrors).some((k) => /^hours\.\d+\./.test(k));
  const errors: FormErrors =
    rowLevel || !Object.keys(save.errors.fieldErrors).length ? save.errors : { fieldErrors: save.errors.fieldErrors };
  const setErrors = save.setErrors;

  const dirty = JSON.stringify(payloadOf(week)) !== incoming;
  const overlapRefused = Boolean(errors.fieldErrors.hours);

  // The server reports row errors as "hours.{index}.{field}" over the list it was sent.
  const rowErrors = (day: number, index: number): string[] => {
    const row = week[day]?.[index];
    if (!row) return [];
    const local = overlapRefused && overlapping(week[day] ?? []).has(row.key) ? ["Overlaps another interval on this day."] : [];
    const sentIndex = sent.findIndex((s) => s.weekday === day && s.startTime === row.startTime && s.endTime === row.endTime);
    if (sentIndex < 0) return local;
    return [
      ...local,
      ...Object.entries(errors.fieldErrors)
        .filter(([key]) => key.startsWith(`hours.${sentIndex}.`))
        .flatMap(([, messages]) => messages),
    ];
  };
  // The slot engine treats a week without any personal hours as "whenever the organization is open".
  const noPersonalHours = WEEKDAYS.every(([day]) => (week[day] ?? []).length === 0);
  const shown = Object.keys(errors.fieldErrors).filter((k) => /^hours\.\d+\./.test(k));
  const copyMonday = () => {
    const copy = () => (week[1] ?? []).map((r) => newRow(r.startTime, r.endTime));
    setWeek((w) => ({ ...w, 2: copy(), 3: copy(), 4: copy(), 5: copy() }));
  };

  return (
    <Panel
      title="Weekly working hours"
      className={className}
      description="Several intervals a day are allowed (for example around a lunch break). Once any hours are set, a day without hours is a day off."
      actions={
        canManage ? (
          <button type="button" className={secondaryButton} onClick={copyMonday} disabled={(week[1] ?? []).length === 0}>
            Copy Monday to Tue–Fri
          </button>
        ) : null
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          setErrors({ fieldErrors: {} });
          const hours = payloadOf(week);
          setSent(hours);
          save.mutate(hours);
        }}
      >
        <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={shown} />
        {noPersonalHours && (
          <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
            No personal working hours: this provider can be booked whenever the organization is open (its business hours).
            {canManage && " Add hours to limit them to specific times; days left empty then become days off."}
          </p>
        )}
        <div className="divide-y divide-slate-100">
          {WEEKDAYS.map(([day, name]) => {
            const rows = week[day] ?? [];
            return (
              <fieldset key={day} className="grid gap-2 py-3 sm:grid-cols-[8rem_1fr]">
                <legend className="contents">
                  <span className="text-sm font-medium sm:pt-2">{name}</span>
                </legend>
                <div className="flex flex-col gap-1">
                  {rows.length === 0 && (
                    <p className="text-sm text-slate-500 sm:pt-2">{noPersonalHours ? "Organization's business hours" : "Not working"}</p>
                  )}
                  {rows.length === 0 && !canManage ? null : (
                    <IntervalRows
                      dayLabel={name}
                      rows={rows}
                      readOnly={!canManage}
                      onChange={(next) => setWeek((w) => ({ ...w, [day]: next }))}
                      errorsFor={(index) => rowErrors(day, index)}
                    />
                  )}
                </div>
              </fieldset>
            );
          })}
        </div>
        {canManage && (
          <SaveBar
            pending={save.isPending}
            label="Save working hours"
            notice={notice}
            dirty={dirty}
            onDiscard={() => {
              setWeek(weekFrom(provider.weeklyHours));
              setErrors({ fieldErrors: {} });
            }}
          />
        )}
      </form>
    </Panel>
  );
}
