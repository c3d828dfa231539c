"use client";

import { useId, useState } from "react";
import type { FormErrors } from "@/components/actions/action-client";
import { Dialog } from "@/components/ui/dialog";
import { SaveBar } from "@/components/ui/form-actions";
import { FormAlert, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Panel } from "@/components/ui/panel";
import { describeDay, EFFECT_LABELS, organizationWeek, weeklyHoursChanges, type DayChange } from "@/lib/providers/hours-diff";
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
  /** The week about to be saved and what it changes, shown for confirmation first. */
  const [preview, setPreview] = useState<{ hours: ReturnType<typeof payloadOf>; changes: DayChange[] } | null>(null);

  const save = useProviderMutation((hours: ReturnType<typeof payloadOf>) => setWeeklyHoursAction({ id: provider.id, hours }), {
    onSuccess: () => {
      setPreview(null);
      setNotice("Working hours saved.");
    },
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
  /**
   * The first hours of a provider who followed the organization start from the organization's
   * week, so adding one day does not quietly make every other day a day off.
   */
  const changeDay = (day: number, next: IntervalRow[]) =>
    setWeek((w) => {
      const following = WEEKDAYS.every(([d]) => (w[d] ?? []).length === 0);
      const base = following ? weekFrom(organizationWeek(provider.organizationHours)) : w;
      return { ...base, [day]: next };
    });

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
          setPreview({ hours, changes: weeklyHoursChanges(payloadOf(weekFrom(provider.weeklyHours)), hours, provider.organizationHours) });
        }}
      >
        <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={shown} />
        {noPersonalHours && (
          <p className="rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
            No personal working hours: this provider can be booked whenever the organization is open (its business hours).
            {canManage &&
              " Adding hours on any day starts from the organization's hours for every day; days left empty then become days off."}
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
                      onChange={(next) => changeDay(day, next)}
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
      {preview && (
        <HoursPreview
          changes={preview.changes}
          pending={save.isPending}
          error={save.errors.formError}
          onConfirm={() => save.mutate(preview.hours, { onError: () => setPreview(null) })}
          onCancel={() => setPreview(null)}
        />
      )}
    </Panel>
  );
}

/** Every weekday a save changes, before → after, with the days that stop following the organization or stop working named. */
function HoursPreview({
  changes,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  changes: DayChange[];
  pending: boolean;
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dropped = changes.filter((c) => c.effect === "becomes_not_working").map((c) => c.day);
  return (
    <Dialog title="Save these working hours?" placement="center" onClose={onCancel}>
      <div className="flex flex-col gap-4 text-sm">
        {changes.length === 0 ? (
          <p>Nothing changes: the hours are the same as the saved ones.</p>
        ) : (
          <>
            {dropped.length > 0 && (
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
                {dropped.join(", ")} {dropped.length === 1 ? "becomes" : "become"} not working: nobody can book this provider then.
              </p>
            )}
            <table className="w-full text-left" aria-describedby={`${id}-caption`}>
              <caption id={`${id}-caption`} className="sr-only">
                Working hours before and after saving, for each day that changes
              </caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Day
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    Now
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    After saving
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {changes.map((c) => (
                  <tr key={c.weekday}>
                    <th scope="row" className="py-1.5 pr-2 align-top font-medium">
                      {c.day}
                    </th>
                    <td className="py-1.5 pr-2 align-top text-slate-600">{describeDay(c.before)}</td>
                    <td className="py-1.5 align-top">
                      <span className={c.effect === "becomes_not_working" ? "font-medium text-red-800" : ""}>{describeDay(c.after)}</span>
                      {c.effect && (
                        <span className="block text-xs text-slate-600">
                          {c.day} {EFFECT_LABELS[c.effect]}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {error && (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <button type="button" className={primaryButton} disabled={pending || changes.length === 0} onClick={onConfirm}>
            {pending ? "Saving…" : "Save working hours"}
          </button>
          <button type="button" className={secondaryButton} onClick={onCancel}>
            Keep editing
          </button>
        </div>
      </div>
    </Dialog>
  );
}
