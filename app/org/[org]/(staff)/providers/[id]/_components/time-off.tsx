"use client";

import { useId, useState } from "react";
import { zoneLabel } from "@/components/scheduling/format";
import { zonedLocalToInstant } from "@/components/scheduling/zoned-input";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { ProviderDetail, ProviderTimeOff } from "@/lib/providers/service";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { FormActions } from "@/components/ui/form-actions";
import { Field, FormAlert, SuccessNote, secondaryButton } from "@/components/ui/form-field";
import { RowList } from "@/components/ui/form-rows";
import { formValues } from "@/components/ui/form-values";
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
        const { text } = formValues(e.currentTarget);
        // The inputs hold wall-clock times in the organization's zone, not the browser's.
        const start = zonedLocalToInstant(text("startsAt"), tz, "earlier");
        const end = zonedLocalToInstant(text("endsAt"), tz, "later");
        const fieldErrors: FieldErrors = {};
        if (!start.ok) fieldErrors.startsAt = [start.error];
        if (!end.ok) fieldErrors.endsAt = [end.error];
        if (start.ok && end.ok && end.instant <= start.instant) fieldErrors.endsAt = ["Time off must end after it starts."];
        if (!start.ok || !end.ok || fieldErrors.endsAt) {
          setErrors({ formError: "Please correct the highlighted fields.", fieldErrors });
          return;
        }
        setErrors({ fieldErrors: {} });
        add.mutate({ startsAt: start.instant, endsAt: end.instant, reason: text("reason") });
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
      <FormActions pending={add.isPending} pendingLabel="Adding…" label="Add time off" onCancel={() => onDone(null)} />
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
        <RowList
          rows={rows}
          rowKey={(t) => t.id}
          empty="No upcoming time off."
          remove={
            canManage
              ? {
                  text: "Delete",
                  label: (t) => `Delete time off ${rangeLabel(t, tenant.organization.timeZone)}`,
                  pending: remove.isPending,
                  onRemove: (t) => {
                    setNotice(null);
                    remove.setErrors({ fieldErrors: {} });
                    remove.mutate(t.id);
                  },
                }
              : undefined
          }
        >
          {(t) => (
            <>
              <p className="font-medium">{rangeLabel(t, tenant.organization.timeZone)}</p>
              {t.reason && <p className="text-slate-500">{t.reason}</p>}
            </>
          )}
        </RowList>
      </div>
    </Panel>
  );
}
