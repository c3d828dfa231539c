"use client";

import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { dayLabel, isoOf, timeLabel, todayInZone, zoneLabel } from "@/components/scheduling/format";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { staffKeys } from "@/components/staff/query-keys";
import { usePermission, useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { useDetailQuery } from "@/components/ui/detail-query";
import { Dialog } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/form-field";
import { TimeButton } from "@/components/ui/time-button";
import type { AppointmentDetail } from "@/lib/scheduling/appointments-service";
import { isChangeable, nextActions, statusLabel, statusStyle } from "@/lib/scheduling/status";
import { appointmentDetailAction, cancelAppointmentAction, changeStatusAction, rescheduleAppointmentAction } from "../actions";
import { useFreeTimes } from "./use-free-times";

function Alert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
      {message}
    </p>
  );
}

/** Appointment detail with its lifecycle actions; a side sheet on desktop, full screen on a phone. */
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
          </dl>
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
          {canWrite && <Lifecycle key={`${d.id}:${d.status}`} appointment={d} />}
        </div>
      )}
    </Dialog>
  );
}

/** Status changes the lifecycle allows from here, and — while it can still change — moving or cancelling it. */
function Lifecycle({ appointment: d }: { appointment: AppointmentDetail }) {
  const tenant = useTenant();
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const invalidate = [scheduleKeys.all(orgId), staffKeys.patients(orgId)];
  const [panel, setPanel] = useState<"none" | "move" | "cancel">("none");
  const [moveDate, setMoveDate] = useState("");

  const status = useActionMutation(changeStatusAction, { invalidate });
  const cancel = useActionMutation(cancelAppointmentAction, { invalidate, onSuccess: () => setPanel("none") });
  const move = useActionMutation(rescheduleAppointmentAction, { invalidate, onSuccess: () => setPanel("none") });
  const busy = status.isPending || cancel.isPending || move.isPending;

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
            cancel.mutate({ id: d.id, reason: reason || undefined });
          }}
        >
          <Alert message={cancel.errors.formError} />
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
            {cancel.isPending ? "Cancelling…" : "Cancel appointment"}
          </button>
        </form>
      )}
      {panel === "move" && (
        <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
          <Alert message={move.errors.formError} />
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
                  onClick={() => move.mutate({ id: d.id, startsAt: s.startsAt }, { onError: () => void slots.refetch() })}
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
