"use client";

import { useId, useState } from "react";
import { todayInZone } from "@/lib/time/wall-clock";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { ProviderDetail, ProviderOverrideRow } from "@/lib/providers/service";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormAlert, inputBase, SuccessNote, secondaryButton } from "@/components/ui/form-field";
import { RowButton, RowList } from "@/components/ui/form-rows";
import { formValues } from "@/components/ui/form-values";
import { Badge, Panel } from "@/components/ui/panel";
import { IntervalRows, newRow, type IntervalRow } from "./interval-rows";
import { clearDateOverrideAction, setDateOverrideAction } from "../../actions";
import { useProviderMutation } from "./use-provider-mutation";

type Override = { date: string; dayOff: boolean; intervals: { startTime: string; endTime: string }[]; note: string | null };

function groupByDate(rows: ProviderOverrideRow[]): Override[] {
  const byDate = new Map<string, Override>();
  for (const row of rows) {
    const entry = byDate.get(row.date) ?? { date: row.date, dayOff: false, intervals: [], note: row.note };
    if (row.startTime && row.endTime) entry.intervals.push({ startTime: row.startTime, endTime: row.endTime });
    else entry.dayOff = true;
    byDate.set(row.date, entry);
  }
  return [...byDate.values()]
    .map((o) => ({ ...o, dayOff: o.intervals.length === 0, intervals: o.intervals.sort((a, b) => a.startTime.localeCompare(b.startTime)) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

function dateLabel(date: string): string {
  // A calendar date, not an instant: formatted at noon UTC so no zone can move it to another day.
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric", year: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

function OverrideForm({
  provider,
  initial,
  onDone,
}: {
  provider: ProviderDetail;
  initial: Override | null;
  onDone: (message: string | null) => void;
}) {
  const tenant = useTenant();
  const id = useId();
  const [date, setDate] = useState(initial?.date ?? "");
  const [dayOff, setDayOff] = useState(initial ? initial.dayOff : false);
  const [rows, setRows] = useState<IntervalRow[]>(() =>
    initial && !initial.dayOff ? initial.intervals.map((i) => newRow(i.startTime, i.endTime)) : [newRow("09:00", "17:00")],
  );
  const save = useProviderMutation(
    (input: { date: string; intervals: { startTime: string; endTime: string }[]; note: string }) =>
      setDateOverrideAction({ id: provider.id, ...input }),
    { onSuccess: (_saved, input) => onDone(`Override for ${dateLabel(input.date)} saved.`) },
  );
  const { errors, setErrors } = save;

  const rowErrors = (index: number) =>
    Object.entries(errors.fieldErrors)
      .filter(([key]) => key.startsWith(`intervals.${index}.`))
      .flatMap(([, m]) => m);
  const shown = ["date", "note", ...Object.keys(errors.fieldErrors).filter((k) => /^intervals\.\d+\./.test(k))];

  return (
    <form
      noValidate
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        const note = formValues(e.currentTarget).text("note");
        if (!date) {
          setErrors({ formError: "Please correct the highlighted field.", fieldErrors: { date: ["Choose a date."] } });
          return;
        }
        if (!dayOff && rows.length === 0) {
          setErrors({ formError: "Add at least one interval, or choose “Day off”.", fieldErrors: {} });
          return;
        }
        // The API accepts overlapping intervals on one date; refuse them here as the weekly editor does.
        if (!dayOff) {
          const overlaps: FieldErrors = {};
          rows.forEach((a, i) => {
            if (rows.some((b, j) => i !== j && a.startTime && b.endTime && a.startTime < b.endTime && b.startTime < a.endTime)) {
              overlaps[`intervals.${i}.startTime`] = ["Overlaps another interval on this day."];
            }
          });
          if (Object.keys(overlaps).length) {
            setErrors({ formError: "Intervals on the same day must not overlap.", fieldErrors: overlaps });
            return;
          }
        }
        setErrors({ fieldErrors: {} });
        save.mutate({ date, intervals: dayOff ? [] : rows.map((r) => ({ startTime: r.startTime, endTime: r.endTime })), note });
      }}
    >
      <h3 className="font-medium">{initial ? `Change ${dateLabel(initial.date)}` : "New date override"}</h3>
      <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={shown} />
      <Field
        label="Date"
        type="date"
        required
        value={date}
        min={todayInZone(tenant.organization.timeZone)}
        disabled={Boolean(initial)}
        onChange={setDate}
        errors={errors.fieldErrors.date}
        inputClassName={`${inputBase} w-44`}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">That day</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={dayOff}
            onChange={() => setDayOff(true)}
            className="accent-[var(--brand-primary)]"
          />
          Day off (no hours)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${id}-kind`}
            checked={!dayOff}
            onChange={() => setDayOff(false)}
            className="accent-[var(--brand-primary)]"
          />
          Different hours (replace the weekly hours that day)
        </label>
      </fieldset>
      {!dayOff && <IntervalRows dayLabel={date ? dateLabel(date) : "That day"} rows={rows} onChange={setRows} errorsFor={rowErrors} />}
      <Field
        name="note"
        label="Note"
        defaultValue={initial?.note}
        errors={errors.fieldErrors.note}
        maxLength={200}
        placeholder="Conference, on call…"
      />
      <FormActions pending={save.isPending} label="Save override" onCancel={() => onDone(null)} />
    </form>
  );
}

export function DateOverrides({ provider, canManage }: { provider: ProviderDetail; canManage: boolean }) {
  const [editing, setEditing] = useState<Override | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const overrides = groupByDate(provider.overrides);

  const remove = useProviderMutation((date: string) => clearDateOverrideAction({ id: provider.id, date }), {
    onSuccess: () => setNotice("Override removed: that day follows the weekly hours again."),
  });

  return (
    <Panel
      title="Date overrides"
      description="Changed hours or a day off on one date; they replace the weekly hours for that date."
      actions={
        canManage && editing === null ? (
          <button
            type="button"
            className={secondaryButton}
            onClick={() => {
              setNotice(null);
              setEditing("new");
            }}
          >
            Add override
          </button>
        ) : null
      }
    >
      <div className="flex flex-col gap-3">
        <SuccessNote message={notice} />
        <FormAlert message={remove.errors.formError} />
        {editing !== null && (
          <OverrideForm
            key={editing === "new" ? "new" : editing.date}
            provider={provider}
            initial={editing === "new" ? null : editing}
            onDone={(message) => {
              setEditing(null);
              setNotice(message);
            }}
          />
        )}
        <RowList
          rows={overrides}
          rowKey={(o) => o.date}
          empty="No upcoming overrides."
          actions={
            canManage
              ? (o) => (
                  <RowButton
                    label={`Change override on ${dateLabel(o.date)}`}
                    onClick={() => {
                      setNotice(null);
                      setEditing(o);
                    }}
                  >
                    Change
                  </RowButton>
                )
              : undefined
          }
          remove={
            canManage
              ? {
                  text: "Remove",
                  label: (o) => `Remove override on ${dateLabel(o.date)}`,
                  pending: remove.isPending,
                  onRemove: (o) => {
                    setNotice(null);
                    remove.setErrors({ fieldErrors: {} });
                    remove.mutate(o.date);
                  },
                }
              : undefined
          }
        >
          {(o) => (
            <>
              <p className="font-medium">
                <time dateTime={o.date}>{dateLabel(o.date)}</time>
              </p>
              <p className="text-slate-600">
                {o.dayOff ? <Badge tone="warn">Day off</Badge> : o.intervals.map((i) => `${i.startTime}–${i.endTime}`).join(", ")}
              </p>
              {o.note && <p className="text-slate-500">{o.note}</p>}
            </>
          )}
        </RowList>
      </div>
    </Panel>
  );
}
