"use client";

import { useActionMutation } from "@/components/actions/use-action-mutation";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Dialog } from "@/components/ui/dialog";
import type { ProviderOption } from "@/lib/scheduling/schedule-options";
import { rescheduleAppointmentAction } from "../actions";
import { whenLabel, type MoveRequest } from "./time-grid";

/**
 * Every move from the grid (drag or keyboard) is confirmed here, old → new, before the server is
 * asked; a refusal (taken meanwhile, outside working hours, off the type's times) is shown in the
 * server's words and the appointment stays where it was.
 */
export function MoveDialog({
  move,
  providers,
  onClose,
  onMoved,
}: {
  move: MoveRequest;
  providers: ProviderOption[];
  onClose: () => void;
  onMoved: (summary: string) => void;
}) {
  const tenant = useTenant();
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const { appointment: a, startsAt, providerId } = move;
  const providerChanged = providerId !== a.providerId;
  const newProvider = providers.find((p) => p.id === providerId)?.name ?? a.providerName;
  const from = whenLabel(a.startsAt, tz);
  const to = whenLabel(startsAt, tz);
  const summary = `${a.patientName} moved to ${to}${providerChanged ? ` with ${newProvider}` : ""}.`;
  const reschedule = useActionMutation(rescheduleAppointmentAction, {
    invalidate: [scheduleKeys.all(orgId), staffKeys.patients(orgId)],
    onSuccess: () => onMoved(summary),
  });
  const refused = reschedule.errors.formError;

  return (
    <Dialog title="Move this appointment?" placement="center" onClose={onClose}>
      <div className="flex flex-col gap-4 text-sm">
        <p>
          <span className="font-medium">{a.patientName}</span> · {a.appointmentTypeName}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          <dt className="text-slate-600">From</dt>
          <dd data-move="from">
            {from}
            {providerChanged && <span className="block text-slate-600">with {a.providerName}</span>}
          </dd>
          <dt className="text-slate-600">To</dt>
          <dd data-move="to" className="font-medium">
            {to}
            {providerChanged && <span className="block">with {newProvider}</span>}
          </dd>
        </dl>
        <p className="sr-only">
          {from} → {to}
        </p>
        {refused && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
            Not moved: {refused}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {!refused && (
            <button
              type="button"
              autoFocus
              disabled={reschedule.isPending}
              onClick={() => reschedule.mutate({ id: a.id, startsAt, providerId: providerChanged ? providerId : undefined })}
              className="rounded-md bg-[var(--brand-primary)] px-4 py-2 font-medium text-white disabled:opacity-50"
            >
              {reschedule.isPending ? "Moving…" : "Move appointment"}
            </button>
          )}
          <button type="button" onClick={onClose} className="rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-50">
            Keep current time
          </button>
        </div>
      </div>
    </Dialog>
  );
}
