"use client";

import { useId, useState } from "react";
import { ActionError } from "@/components/actions/action-client";
import { dayLabel, timeLabel, zoneLabel } from "@/components/scheduling/format";
import { dateInZone } from "@/lib/time/wall-clock";
import { zonedLocalToInstant } from "@/components/scheduling/zoned-input";
import type { ConflictingAppointment, FieldErrors } from "@/lib/errors/app-error";
import type { ProviderDetail, ProviderTimeOff } from "@/lib/providers/service";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormAlert, SuccessNote, primaryButton, secondaryButton } from "@/components/ui/form-field";
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

type Choice = "cancel" | "keep";
type Draft = { startsAt: string; endsAt: string; reason: string };

/** What a time off does to each covered booking, chosen one by one or for all at once. */
function CoveredBookings({
  covered,
  choices,
  onChoose,
}: {
  covered: ConflictingAppointment[];
  choices: Record<string, Choice>;
  onChoose: (next: Record<string, Choice>) => void;
}) {
  const tenant = useTenant();
  const href = useTenantHref();
  const tz = tenant.organization.timeZone;
  const id = useId();
  const all = (choice: Choice) => onChoose(Object.fromEntries(covered.map((c) => [c.id, choice])));
  return (
    <div role="group" aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p id={`${id}-title`} className="font-medium text-amber-950">
        {covered.length === 1
          ? "This time off covers a booked appointment."
          : `This time off covers ${covered.length} booked appointments.`}{" "}
        Choose what happens to {covered.length === 1 ? "it" : "each"}:
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryButton} onClick={() => all("cancel")}>
          Cancel all and notify patients
        </button>
        <button type="button" className={secondaryButton} onClick={() => all("keep")}>
          Keep all to reschedule
        </button>
      </div>
      <ul className="flex flex-col divide-y divide-amber-200">
        {covered.map((c) => (
          <li key={c.id} className="flex flex-col gap-1 py-2 text-sm">
            <fieldset className="flex flex-col gap-1">
              <legend className="font-medium">
                {c.patientName} · {dayLabel(new Date(c.startsAt), tz)}, {timeLabel(new Date(c.startsAt), tz)} –{" "}
                {timeLabel(new Date(c.endsAt), tz)} · {c.appointmentTypeName}
              </legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`${id}-${c.id}`}
                    checked={choices[c.id] === "cancel"}
                    onChange={() => onChoose({ ...choices, [c.id]: "cancel" })}
                  />
                  Cancel and notify the patient
                </label>
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`${id}-${c.id}`}
                    checked={choices[c.id] === "keep"}
                    onChange={() => onChoose({ ...choices, [c.id]: "keep" })}
                  />
                  Keep, to reschedule
                </label>
              </div>
            </fieldset>
            <a
              className="self-start text-[var(--brand-primary)] underline"
              href={href(`/schedule?view=day&date=${dateInZone(c.startsAt, tz)}&appointment=${c.id}`)}
            >
              Open {c.patientName}&apos;s appointment in the schedule
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AddTimeOffForm({ provider, onDone }: { provider: ProviderDetail; onDone: (message: string | null) => void }) {
  const tenant = useTenant();
  const tz = tenant.organization.timeZone;
  const id = useId();
  /** The time off as last sent, while the server's list of covered bookings waits for a choice. */
  const [draft, setDraft] = useState<Draft | null>(null);
  const [covered, setCovered] = useState<ConflictingAppointment[]>([]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const add = useProviderMutation(
    (input: Draft & { cancelAppointmentIds?: string[]; keepAppointmentIds?: string[] }) => addTimeOffAction({ id: provider.id, ...input }),
    {
      onSuccess: (result) => {
        const cancelled = result.cancelledAppointmentIds.length;
        const kept = result.keptAppointmentIds.length;
        const message = [
          "Time off added.",
          cancelled ? `${cancelled} appointment${cancelled === 1 ? "" : "s"} cancelled; the patients are e-mailed.` : "",
          kept ? `${kept} appointment${kept === 1 ? "" : "s"} kept to reschedule.` : "",
        ]
          .filter(Boolean)
          .join(" ");
        onDone(message);
      },
    },
  );
  const { errors, setErrors } = add;
  const undecided = covered.filter((c) => !choices[c.id]).length;

  const send = (input: Draft) =>
    add.mutate(
      {
        ...input,
        cancelAppointmentIds: covered.filter((c) => choices[c.id] === "cancel").map((c) => c.id),
        keepAppointmentIds: covered.filter((c) => choices[c.id] === "keep").map((c) => c.id),
      },
      {
        onError: (err) => {
          // Covered bookings (or others booked since): list them all and ask again.
          if (err instanceof ActionError && err.code === "conflict:time_off_bookings") {
            const list = err.details?.appointments ?? [];
            setDraft(input);
            setCovered(list);
            setChoices((current) => Object.fromEntries(list.filter((c) => current[c.id]).map((c) => [c.id, current[c.id]!])));
            setErrors({ fieldErrors: {} });
          }
        },
      },
    );

  return (
    <form
      noValidate
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-slate-50 p-3"
      aria-labelledby={`${id}-title`}
      onChange={(e) => {
        // Another range or reason: the covered bookings are looked up again on the next save.
        if ((e.target as HTMLElement).closest("[data-time-off-fields]")) {
          setDraft(null);
          setCovered([]);
          setChoices({});
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        if (draft) {
          send(draft);
          return;
        }
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
        send({ startsAt: start.instant, endsAt: end.instant, reason: text("reason") });
      }}
    >
      <h3 id={`${id}-title`} className="font-medium">
        Add time off
      </h3>
      <p className="text-xs text-slate-500">Enter times in {zoneLabel(tz)}.</p>
      {!draft && <FormAlert message={errors.formError} fieldErrors={errors.fieldErrors} shownFields={FIELDS} />}
      {draft && errors.formError && <FormAlert message={errors.formError} />}
      <div className="grid gap-4 sm:grid-cols-2" data-time-off-fields>
        <Field name="startsAt" label="Starts" type="datetime-local" required errors={errors.fieldErrors.startsAt} />
        <Field name="endsAt" label="Ends" type="datetime-local" required errors={errors.fieldErrors.endsAt} />
        <Field
          name="reason"
          label="Reason"
          className="sm:col-span-2"
          errors={errors.fieldErrors.reason}
          maxLength={200}
          placeholder="Vacation, conference…"
          hint="Staff only: patients whose appointments are cancelled are told the provider is not available."
        />
      </div>
      {draft && covered.length > 0 && <CoveredBookings covered={covered} choices={choices} onChoose={setChoices} />}
      {draft && undecided > 0 && (
        <p className="text-sm text-amber-900">
          Choose for {undecided === 1 ? "the appointment" : `all ${undecided} appointments`} before adding the time off.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={add.isPending || (draft !== null && undecided > 0)}>
          {add.isPending ? "Adding…" : draft && covered.length ? "Add time off with these choices" : "Add time off"}
        </button>
        <button type="button" onClick={() => onDone(null)} className={secondaryButton}>
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
  const [confirming, setConfirming] = useState<ProviderTimeOff | null>(null);

  const remove = useProviderMutation((timeOffId: string) => removeTimeOffAction({ id: provider.id, timeOffId }), {
    onSuccess: () => {
      setConfirming(null);
      setNotice("Time off deleted.");
    },
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
        {!confirming && <FormAlert message={remove.errors.formError} />}
        {confirming && (
          <Dialog title="Delete this time off?" placement="center" onClose={() => setConfirming(null)}>
            <div className="flex flex-col gap-4 text-sm">
              <FormAlert message={remove.errors.formError} />
              <p>
                {provider.name} will be bookable again from {rangeLabel(confirming, tenant.organization.timeZone)}
                {confirming.reason ? ` (${confirming.reason})` : ""}, wherever their hours allow.
              </p>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className="rounded-md bg-red-600 px-4 py-2 font-medium text-white disabled:opacity-50"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(confirming.id)}
                >
                  {remove.isPending ? "Deleting…" : "Delete time off"}
                </button>
                <button type="button" className={secondaryButton} onClick={() => setConfirming(null)}>
                  Keep it
                </button>
              </div>
            </div>
          </Dialog>
        )}
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
                    setConfirming(t);
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
