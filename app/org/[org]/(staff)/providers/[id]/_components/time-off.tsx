"use client";

import { useId, useState } from "react";
import { zoneLabel } from "@/components/scheduling/format";
import { zonedLocalToInstant } from "@/components/scheduling/zoned-input";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { ProviderDetail, ProviderTimeOff } from "@/lib/providers/service";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Field, FormAlert, SuccessNote, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { Panel } from "@/components/ui/panel";
import { addTimeOffAction, removeTimeOffAction } from "../../actions";
import { useProviderMutation } from "./use-provider-mutation";

const FIELDS = ["startsAt", "endsAt", "reason"];

function rangeLabel(t: ProviderTimeOff, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  });
  return format.formatRange(t.startsAt, t.endsAt);
}

function AddTimeOffForm({ provider, onDone }: { provider: ProviderDetail; onDone: (message: string | null) => void }) {
  const tenant = useTenant();
  const tz = tenant.organization.timeZone;
  const id = useId();
  const add = useProviderMutation(
    (input: { startsAt: string; endsAt: string; reason: string }) => addTimeOffAction({ id: provider.id, ...input }),
    { onSuccess: () => onDone("Time off added.") },
  );
  const { errors, setErrors } = add;

  return (
    <form
      noValidate
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-slate-50 p-3"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const get = (k: string) => String(form.get(k) ?? "").trim();
        // The inputs hold wall-clock times in the organization's zone, not the browser's.
        const start = zonedLocalToInstant(get("startsAt"), tz, "earlier");
        const end = zonedLocalToInstant(get("endsAt"), tz, "later");
        const fieldErrors: FieldErrors = {};
        if (!start.ok) fieldErrors.startsAt = [start.error];
        if (!end.ok) fieldErrors.endsAt = [end.error];
        if (start.ok && end.ok && end.instant <= start.instant) fieldErrors.endsAt = ["Time off must end after it starts."];
        if (!start.ok || !end.ok || fieldErrors.endsAt) {
          setErrors({ formError: "Please correct the highlighted fields.", fieldErrors });
          return;
        }
        setErrors({ fieldErrors: {} });
        add.mutate({ startsAt: start.instant, endsAt: end.instant, reason: get("reason") });
      }}
    >
      <h3 id={`${id}-title`} className="font-medium">
        Add time off
      </h3>
      <p className="text-xs text-slate-500">Enter times in {zoneLabel(tz)}.</p>
      <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={FIELDS} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="startsAt" label="Starts" type="datetime-local" required errors={errors.fieldErrors.startsAt} />
        <Field name="endsAt" label="Ends" type="datetime-local" required errors={errors.fieldErrors.endsAt} />
        <Field
          name="reason"
          label="Reason"
          className="sm:col-span-2"
          errors={errors.fieldErrors.reason}
          maxLength={200}
          placeholder="Vacation, conference…"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add time off"}
        </button>
        <button type="button" className={secondaryButton} onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function TimeOffPanel({ provider, canManage, className }: { provider: ProviderDetail; canManage: boolean; className?: string }) {
  const tenant = useTenant();
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const remove = useProviderMutation((timeOffId: string) => removeTimeOffAction({ id: provider.id, timeOffId }), {
    onSuccess: () => setNotice("Time off deleted."),
  });
  const rows = [...provider.timeOff].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  return (
    <Panel
      title="Time off"
      className={className}
      description={`Current and upcoming absences; no appointments can be booked during them. Times in ${zoneLabel(tenant.organization.timeZone)}.`}
      actions={
        canManage && !adding ? (
          <button
            type="button"
            className={secondaryButton}
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add time off
          </button>
        ) : null
      }
    >
      <div className="flex flex-col gap-3">
        <SuccessNote message={notice} />
        <FormAlert message={remove.errors.formError} />
        {adding && (
          <AddTimeOffForm
            provider={provider}
            onDone={(message) => {
              setAdding(false);
              setNotice(message);
            }}
          />
        )}
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No upcoming time off.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rows.map((t) => (
              <li key={t.id} className="flex flex-wrap items-start justify-between gap-2 py-2.5 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">{rangeLabel(t, tenant.organization.timeZone)}</p>
                  {t.reason && <p className="text-slate-500">{t.reason}</p>}
                </div>
                {canManage && (
                  <button
                    type="button"
                    className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-red-700"
                    aria-label={`Delete time off ${rangeLabel(t, tenant.organization.timeZone)}`}
                    disabled={remove.isPending}
                    onClick={() => {
                      setNotice(null);
                      remove.setErrors({ fieldErrors: {} });
                      remove.mutate(t.id);
                    }}
                  >
                    Delete
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}
