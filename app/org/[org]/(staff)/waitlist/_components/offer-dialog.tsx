"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { dayLabel, timeLabel } from "@/components/scheduling/format";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert, inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
import { TimeButton } from "@/components/ui/time-button";
import { useToast } from "@/components/ui/toast";
import type { WaitlistRow } from "@/lib/scheduling/waitlist-staff";
import { todayInZone } from "@/lib/time/wall-clock";
import { offerWaitlistTimeAction, waitlistFreeTimesAction } from "../actions";

export type Choice = { id: string; name: string };
type Time = { providerId: string; startsAt: string | Date };

/**
 * Staff offer one waiting patient a free time: a provider (or any) and a day, that day's free times
 * for the patient's appointment type, one chosen, then sent as the same e-mail and claim link the
 * automatic offers use.
 */
export function OfferDialog({ row, providers, onClose }: { row: WaitlistRow; providers: Choice[]; onClose: () => void }) {
  const tenant = useTenant();
  const timeZone = tenant.organization.timeZone;
  const client = useQueryClient();
  const toast = useToast();
  const id = useId();
  const today = todayInZone(timeZone);
  const [provider, setProvider] = useState(row.provider?.id ?? "");
  const [day, setDay] = useState(row.earliestDate > today ? row.earliestDate : today);
  const [chosen, setChosen] = useState<Time | null>(null);
  const nameOf = (providerId: string) => providers.find((p) => p.id === providerId)?.name ?? "";

  const times = useQuery({
    queryKey: [...staffKeys.waitlist(tenant.organization.id), "free-times", row.id, provider, day],
    queryFn: () => unwrap(waitlistFreeTimesAction({ id: row.id, provider: provider || undefined, from: day, to: day })),
    enabled: Boolean(day),
  });
  const send = useMutation({
    mutationFn: (time: Time) =>
      unwrap(offerWaitlistTimeAction({ id: row.id, providerId: time.providerId, startsAt: new Date(time.startsAt).toISOString() })),
    onSuccess: async () => {
      toast.show({ message: `Offer e-mailed to ${row.patient.name}.` });
      onClose();
      await client.invalidateQueries({ queryKey: staffKeys.waitlist(tenant.organization.id) });
    },
  });
  const label = "text-sm font-medium text-slate-700";
  const list = times.data?.data ?? [];

  return (
    <Dialog title={`Offer a time to ${row.patient.name}`} placement="side" onClose={onClose}>
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">
          {row.appointmentType.name}, wanted {row.earliestDate === row.latestDate ? "on" : "between"}{" "}
          {dayLabel(`${row.earliestDate}T12:00:00Z`, "UTC")}
          {row.earliestDate !== row.latestDate && <> and {dayLabel(`${row.latestDate}T12:00:00Z`, "UTC")}</>}. The patient gets an e-mail
          with a link; the first patient to claim a time gets it.
        </p>
        {!row.patient.email && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This patient has no e-mail address, so an offer cannot reach them. Book the time from the schedule instead.
          </p>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-provider`} className={label}>
            Provider
          </label>
          <select
            id={`${id}-provider`}
            value={provider}
            onChange={(e) => {
              setProvider(e.target.value);
              setChosen(null);
            }}
            className={inputClass}
          >
            <option value="">Any provider</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-day`} className={label}>
            Day
          </label>
          <input
            id={`${id}-day`}
            type="date"
            value={day}
            min={today}
            onChange={(e) => {
              setDay(e.target.value);
              setChosen(null);
            }}
            className={inputClass}
          />
        </div>
        <section aria-labelledby={`${id}-times`} className="flex flex-col gap-2">
          <h3 id={`${id}-times`} className="font-semibold">
            Free times{day && <> on {dayLabel(`${day}T12:00:00Z`, "UTC")}</>}
          </h3>
          {times.isPending && day && <p className="text-sm text-slate-600">Loading free times…</p>}
          {times.isError && <FormAlert message={times.error.message} />}
          {times.data && list.length === 0 && <p className="text-sm text-slate-600">No free times on this day. Try another day.</p>}
          {list.length > 0 && (
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" aria-label="Free times">
              {list.map((t) => {
                const pressed =
                  chosen?.providerId === t.providerId && new Date(chosen.startsAt).getTime() === new Date(t.startsAt).getTime();
                return (
                  <li key={`${t.providerId}-${new Date(t.startsAt).toISOString()}`} className="[&>button]:w-full">
                    <TimeButton pressed={pressed} onClick={() => setChosen(t)}>
                      {timeLabel(t.startsAt, timeZone)}
                      {!provider && <span className="block text-xs">{nameOf(t.providerId)}</span>}
                    </TimeButton>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        {/* Kept in view under a long list of times. */}
        <div className="sticky bottom-0 -mx-6 -mb-6 flex flex-col gap-2 border-t border-slate-200 bg-white px-6 py-3">
          <FormAlert message={send.error?.message} />
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" onClick={onClose} className={secondaryButton}>
              Cancel
            </button>
            <button
              type="button"
              disabled={!chosen || send.isPending || !row.patient.email}
              onClick={() => chosen && send.mutate(chosen)}
              className={primaryButton}
            >
              {send.isPending ? "Sending…" : "Send offer"}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
