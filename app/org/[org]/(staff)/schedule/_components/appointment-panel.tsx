"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { dayLabel, isoOf, timeLabel, zoneLabel } from "@/components/scheduling/format";
import { todayInZone } from "@/lib/time/wall-clock";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { useDetailQuery } from "@/components/ui/detail-query";
import { Dialog } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/form-field";
import { TimeButton } from "@/components/ui/time-button";
import { useToast } from "@/components/ui/toast";
import type { AppointmentDetail } from "@/lib/scheduling/appointments-service";
import type { AppointmentStatus } from "@/lib/db/schema/enum-values";
import { canUndo, isChangeable, nextActions, statusLabel, statusStyle } from "@/lib/scheduling/status";
import {
  appointmentDetailAction,
  cancelAppointmentAction,
  cancelSeriesFromAction,
  changeStatusAction,
  rescheduleAppointmentAction,
  rescheduleSeriesFromAction,
  intakeCardAction,
  undoStatusAction,
} from "../actions";
import { IntakeAnswers } from "@/components/intake/intake-answers";
import { useFreeTimes } from "./use-free-times";

function Alert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
      {message}
    </p>
  );
}

/** The insurance card photo, fetched (and audited) only when a clinician asks to see it. */
function CardPhoto({ appointmentId }: { appointmentId: string }) {
  const [image, setImage] = useState<{ type: string; base64: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (image)
    return (
      // A data URL of a private photo: nothing for the image optimiser to fetch or cache.
      // eslint-disable-next-line @next/next/no-img-element
      <img src={`data:${image.type};base64,${image.base64}`} alt="The patient's insurance card" className="mt-2 max-h-64 rounded border" />
    );
  return (
    <div className="mt-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-100"
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            const found = await unwrap(intakeCardAction({ id: appointmentId }));
            if (found) setImage(found);
            else setError("There is no photo of the insurance card.");
          } catch (err) {
            setError(err instanceof ActionError ? err.message : "Could not load the photo.");
          } finally {
            setPending(false);
          }
        }}
      >
        {pending ? "Loading…" : "Show insurance card photo"}
      </button>
      <Alert message={error ?? undefined} />
    </div>
  );
}

/** How long a status change can be taken back from the panel or its note. */
const UNDO_MS = 10_000;

/** A status change just made: what it left and what was there before, so it can be taken back. */
type LastChange = { id: string; previous: AppointmentStatus; current: AppointmentStatus; changedAt: Date };

/** Past tense of a change, for the note that announces it. */
function changedNote(to: AppointmentStatus, patient: string): string {
  const done: Partial<Record<AppointmentStatus, string>> = {
    confirmed: "confirmed",
    checked_in: "checked in",
    completed: "marked completed",
    no_show: "marked as a no-show",
  };
  return `${patient} ${done[to] ?? `is ${statusLabel(to).toLowerCase()}`}.`;
}

/**
 * Takes back the last status change (only while nothing else changed the appointment) and says
 * how it went in a toast: from the panel, or from the toast itself once the panel is closed.
 */
function useUndoStatus() {
  const tenant = useTenant();
  const orgId = tenant.organization.id;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  // Not a component-bound mutation: the toast's Undo outlives the panel, and so must its answer.
  const run = async (change: LastChange) => {
    setPending(true);
    try {
      const row = await unwrap(undoStatusAction(change));
      await Promise.all(
        [scheduleKeys.all(orgId), staffKeys.patients(orgId)].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      toast.show({ message: `Undone: the appointment is ${statusLabel(row.status).toLowerCase()} again.` });
    } catch (err) {
      toast.show({ tone: "error", message: err instanceof ActionError ? err.message : "Could not undo the change. Please try again." });
    } finally {
      setPending(false);
    }
  };
  return { pending, run: (change: LastChange) => void run(change) };
}

/**
 * Appointment detail with its lifecycle actions; a side sheet on desktop, full screen on a phone.
 * Escape closes it, and focus goes back to whatever opened it (the block in the schedule).
 */
export function AppointmentPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const tenant = useTenant();
  const href = useTenantHref();
  const canWrite = usePermission("appointments:write");
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const detail = useDetailQuery({
    queryKey: scheduleKeys.detail(orgId, id),
    queryFn: () => unwrap(appointmentDetailAction({ id })),
  });
  const d = detail.data;
  const [opener] = useState(() => (typeof document === "undefined" ? null : (document.activeElement as HTMLElement | null)));
  const [lastChange, setLastChange] = useState<LastChange | null>(null);
  const undo = useUndoStatus();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  useEffect(
    () => () => {
      // The schedule may have re-rendered the block; focus it only while it is still in the page.
      if (opener && opener !== document.body && opener.isConnected) opener.focus();
    },
    [opener],
  );
  useEffect(() => {
    if (!lastChange) return;
    const timer = window.setTimeout(() => setLastChange(null), UNDO_MS);
    return () => window.clearTimeout(timer);
  }, [lastChange]);
  const undoable = lastChange && d && lastChange.id === d.id && lastChange.current === d.status ? lastChange : null;

  return (
    <Dialog title={d ? d.appointmentType.name : "Appointment"} placement="side" onClose={onClose}>
      {detail.isPending && <p className="text-slate-500">Loading…</p>}
      {detail.isError && (
        <p role="alert" className="text-red-700">
          {detail.error.message}
        </p>
      )}
      {d && (
        <div className="flex flex-col gap-4 text-sm">
          <span className={`self-start rounded border px-2 py-0.5 text-xs ${statusStyle(d.status)}`}>{statusLabel(d.status)}</span>
          {d.rescheduleRequestedAt && (d.status === "scheduled" || d.status === "confirmed") && (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
              The patient asked to reschedule (text reply, {dayLabel(d.rescheduleRequestedAt, tz)} {timeLabel(d.rescheduleRequestedAt, tz)}
              ). They were sent their link to choose a new time; moving the visit clears this.
            </p>
          )}
          <dl className="grid grid-cols-3 gap-x-3 gap-y-2">
            <dt className="text-slate-500">When</dt>
            <dd className="col-span-2">
              {dayLabel(d.startsAt, tz)}, {timeLabel(d.startsAt, tz)} – {timeLabel(d.endsAt, tz)}
              <span className="block text-xs text-slate-500">{zoneLabel(tz)}</span>
            </dd>
            <dt className="text-slate-500">Patient</dt>
            <dd className="col-span-2">
              <a className="font-medium text-[var(--brand-primary)] hover:underline" href={href(`/patients/${d.patient.id}`)}>
                {d.patient.name}
              </a>
              <span className="block text-xs text-slate-500">
                MRN {d.patient.mrn} · born {d.patient.dateOfBirth}
              </span>
              {(d.patient.phone || d.patient.email) && (
                <span className="block text-xs text-slate-500">{[d.patient.phone, d.patient.email].filter(Boolean).join(" · ")}</span>
              )}
            </dd>
            <dt className="text-slate-500">Provider</dt>
            <dd className="col-span-2">{d.provider.name}</dd>
            <dt className="text-slate-500">Mode</dt>
            <dd className="col-span-2">{d.mode === "telehealth" ? "Video visit" : "In person"}</dd>
            {d.reason && (
              <>
                <dt className="text-slate-500">Reason</dt>
                <dd className="col-span-2">{d.reason}</dd>
              </>
            )}
            {d.notes && (
              <>
                <dt className="text-slate-500">Notes</dt>
                <dd className="col-span-2 whitespace-pre-wrap">{d.notes}</dd>
              </>
            )}
            {d.cancelReason && (
              <>
                <dt className="text-slate-500">Cancelled</dt>
                <dd className="col-span-2">{d.cancelReason}</dd>
              </>
            )}
            <dt className="text-slate-500">Booked</dt>
            <dd className="col-span-2 capitalize">{d.bookedVia}</dd>
            {d.series && (
              <>
                <dt className="text-slate-500">Series</dt>
                <dd className="col-span-2">
                  Visit {d.series.position} of {d.series.total},{" "}
                  {d.series.intervalWeeks === 1 ? "every week" : `every ${d.series.intervalWeeks} weeks`}
                </dd>
              </>
            )}
          </dl>
          <IntakeAnswers intake={d.intake} card={<CardPhoto appointmentId={d.id} />} />
          {d.telehealthUrl && d.status !== "cancelled" && (
            <a
              href={d.telehealthUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="rounded-md bg-violet-600 px-4 py-2 text-center font-medium text-white"
            >
              Join video visit
            </a>
          )}
          {canWrite && undoable && (
            <div className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
              <span>{statusLabel(undoable.current)} just now.</span>
              <button
                type="button"
                disabled={undo.pending}
                onClick={() => {
                  undo.run(undoable);
                  setLastChange(null);
                }}
                className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-100"
              >
                Undo {statusLabel(undoable.current).toLowerCase()}
              </button>
            </div>
          )}
          {canWrite && (
            <Lifecycle
              key={`${d.id}:${d.status}`}
              appointment={d}
              onChanged={(change) => {
                setLastChange(change);
              }}
              onUndo={undo.run}
            />
          )}
        </div>
      )}
    </Dialog>
  );
}

/**
 * Status changes the lifecycle allows from here (each can be taken back for a few seconds), and —
 * while it can still change — moving or cancelling it (cancelling e-mails the patient, so it asks first).
 */
function Lifecycle({
  appointment: d,
  onChanged,
  onUndo,
}: {
  appointment: AppointmentDetail;
  onChanged: (change: LastChange) => void;
  onUndo: (change: LastChange) => void;
}) {
  const tenant = useTenant();
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const toast = useToast();
  const invalidate = [scheduleKeys.all(orgId), staffKeys.patients(orgId)];
  const [panel, setPanel] = useState<"none" | "move" | "cancel">("none");
  const [moveDate, setMoveDate] = useState("");

  const status = useActionMutation(changeStatusAction, {
    invalidate,
    onSuccess: (row) => {
      const change: LastChange = { id: row.id, previous: d.status, current: row.status, changedAt: row.updatedAt };
      const undoable = canUndo(change.previous, change.current);
      if (undoable) onChanged(change);
      toast.show({
        message: changedNote(row.status, d.patient.name),
        action: undoable ? { label: "Undo", onAction: () => onUndo(change) } : undefined,
      });
    },
  });
  const cancel = useActionMutation(cancelAppointmentAction, {
    invalidate,
    onSuccess: () => {
      setPanel("none");
      toast.show({ message: `Appointment cancelled${d.patient.email ? "; the patient is e-mailed" : ""}.` });
    },
  });
  const [cancelScope, setCancelScope] = useState<"one" | "following">("one");
  const following = d.series && d.series.cancellableFromHere > 1 ? d.series.cancellableFromHere : 0;
  const cancelRest = useActionMutation(cancelSeriesFromAction, {
    invalidate,
    onSuccess: (result) => {
      setPanel("none");
      toast.show({
        message: `${result.cancelledIds.length} visits of the series cancelled${d.patient.email ? "; the patient is e-mailed" : ""}.`,
      });
    },
  });
  const move = useActionMutation(rescheduleAppointmentAction, {
    invalidate,
    onSuccess: (row) => {
      setPanel("none");
      toast.show({ message: `Moved to ${dayLabel(row.startsAt, tz)}, ${timeLabel(row.startsAt, tz)}.` });
    },
  });
  const [moveLater, setMoveLater] = useState(false);
  const moveRest = useActionMutation(rescheduleSeriesFromAction, {
    invalidate,
    onSuccess: (result) => {
      setPanel("none");
      toast.show({ message: `Moved ${result.movedIds.length} visits of the series.` });
    },
  });
  const busy = status.isPending || cancel.isPending || cancelRest.isPending || move.isPending || moveRest.isPending;

  const slots = useFreeTimes(
    { type: d.appointmentTypeId, provider: d.providerId, date: moveDate, mode: d.mode, moving: d.id },
    panel === "move",
  );

  return (
    <>
      <Alert message={status.errors.formError} />
      <div className="flex flex-wrap gap-2">
        {nextActions(d.status).map((a) => (
          <button
            key={a.to}
            type="button"
            disabled={busy}
            onClick={() => status.mutate({ id: d.id, status: a.to })}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
          >
            {a.label}
          </button>
        ))}
        {isChangeable(d.status) && (
          <>
            <button
              type="button"
              aria-expanded={panel === "move"}
              onClick={() => setPanel((p) => (p === "move" ? "none" : "move"))}
              className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            >
              Reschedule
            </button>
            <button
              type="button"
              aria-expanded={panel === "cancel"}
              onClick={() => setPanel((p) => (p === "cancel" ? "none" : "cancel"))}
              className="rounded-md border border-red-300 px-3 py-1.5 text-red-700"
            >
              Cancel
            </button>
          </>
        )}
      </div>
      {panel === "cancel" && (
        <form
          noValidate
          className="flex flex-col gap-2 rounded-md border border-red-200 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const reason = String(new FormData(e.currentTarget).get("reason") ?? "").trim();
            if (following && cancelScope === "following") cancelRest.mutate({ id: d.id, reason: reason || undefined });
            else cancel.mutate({ id: d.id, reason: reason || undefined });
          }}
        >
          <Alert message={cancel.errors.formError ?? cancelRest.errors.formError} />
          {following > 0 && (
            <fieldset className="flex flex-col gap-1">
              <legend className="font-medium">This visit is part of a series</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="scope" checked={cancelScope === "one"} onChange={() => setCancelScope("one")} />
                Only this visit
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="scope" checked={cancelScope === "following"} onChange={() => setCancelScope("following")} />
                This and the later visits ({following} in all)
              </label>
            </fieldset>
          )}
          <p>
            Cancelling frees the time and cannot be undone.
            {d.patient.email ? ` ${d.patient.name} is told by e-mail.` : " The patient has no e-mail address: tell them yourself."}
          </p>
          <label htmlFor="cancel-reason" className="font-medium">
            Reason for cancelling
          </label>
          <input
            id="cancel-reason"
            name="reason"
            maxLength={500}
            aria-invalid={Boolean(cancel.errors.fieldErrors.reason) || undefined}
            aria-describedby={cancel.errors.fieldErrors.reason ? "cancel-reason-error" : undefined}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          />
          <FieldError id="cancel-reason-error" errors={cancel.errors.fieldErrors.reason} />
          <button type="submit" disabled={busy} className="self-start rounded-md bg-red-600 px-3 py-1.5 font-medium text-white">
            {cancel.isPending || cancelRest.isPending
              ? "Cancelling…"
              : following && cancelScope === "following"
                ? `Cancel ${following} visits`
                : "Cancel appointment"}
          </button>
        </form>
      )}
      {panel === "move" && (
        <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
          <Alert message={move.errors.formError ?? moveRest.errors.formError} />
          {following > 0 && (
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={moveLater} onChange={(e) => setMoveLater(e.target.checked)} />
              Move the later visits of the series the same way ({following} in all)
            </label>
          )}
          <label htmlFor="move-date" className="font-medium">
            New date
          </label>
          <input
            id="move-date"
            type="date"
            min={todayInZone(tz)}
            value={moveDate}
            onChange={(e) => setMoveDate(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1.5"
          />
          {slots.isFetching && <p className="text-slate-500">Finding free times…</p>}
          {slots.isError && <Alert message={slots.error.message} />}
          {slots.data?.data.length === 0 && <p className="text-slate-500">No free times with {d.provider.name} that day.</p>}
          {slots.data && slots.data.data.length > 0 && (
            <div role="group" aria-label="Free times" className="flex flex-wrap gap-2">
              {slots.data.data.map((s) => (
                <TimeButton
                  key={isoOf(s.startsAt)}
                  disabled={busy}
                  onClick={() =>
                    following > 0 && moveLater
                      ? moveRest.mutate({ id: d.id, startsAt: new Date(s.startsAt) }, { onError: () => void slots.refetch() })
                      : move.mutate({ id: d.id, startsAt: s.startsAt }, { onError: () => void slots.refetch() })
                  }
                >
                  {timeLabel(s.startsAt, tz)}
                </TimeButton>
              ))}
            </div>
          )}
        </div>
      )}
    </>
  );
}
