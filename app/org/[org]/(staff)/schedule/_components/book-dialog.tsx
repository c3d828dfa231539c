"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { dayLabel, isoOf, timeLabel, zoneLabel } from "@/components/scheduling/format";
import { todayInZone } from "@/lib/time/wall-clock";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { Dialog } from "@/components/ui/dialog";
import { FieldError, FormAlert } from "@/components/ui/form-field";
import { TimeButton } from "@/components/ui/time-button";
import { useToast } from "@/components/ui/toast";
import { useDebounced } from "@/components/ui/use-debounced";
import type { Patient } from "@/lib/db/schema";
import type { ConflictingAppointment } from "@/lib/errors/app-error";
import type { AppointmentMode } from "@/lib/db/schema/enum-values";
import type { ProviderOption, TypeOption } from "@/lib/scheduling/schedule-options";
import { searchPatientsAction } from "@/app/org/[org]/(staff)/patients/actions";
import { bookAppointmentAction, bookSeriesAction } from "../actions";
import { SeriesSection, type SeriesChoice } from "./series-section";
import { useFreeTimes } from "./use-free-times";

type PatientHit = Pick<Patient, "id" | "firstName" | "lastName" | "dateOfBirth" | "mrn">;

const FIELDS = ["patientId", "appointmentTypeId", "providerId", "mode", "startsAt", "reason"] as const;

/** Staff booking: patient → type → provider → mode → date → a free time. The database has the final word on clashes. */
export function BookDialog({
  providers,
  types,
  defaultProviderId,
  defaultDate,
  defaultStartsAt,
  onClose,
  onBooked,
}: {
  providers: ProviderOption[];
  types: TypeOption[];
  defaultProviderId: string;
  defaultDate: string;
  /** A time chosen on the schedule's grid (still checked against the free times and by the server). */
  defaultStartsAt?: Date;
  onClose: () => void;
  onBooked: (id: string) => void;
}) {
  const tenant = useTenant();
  const orgId = tenant.organization.id;
  const tz = tenant.organization.timeZone;
  const toast = useToast();
  const ids = { search: useId(), type: useId(), provider: useId(), date: useId(), reason: useId(), times: useId() };
  const [search, setSearch] = useState("");
  const debounced = useDebounced(search.trim(), 250);
  const [patient, setPatient] = useState<PatientHit | null>(null);
  const [typeId, setTypeId] = useState(types[0]?.id ?? "");
  const [providerId, setProviderId] = useState(defaultProviderId);
  const [chosenMode, setChosenMode] = useState<AppointmentMode>("in_person");
  const [date, setDate] = useState(defaultDate);
  const [startsAt, setStartsAt] = useState<Date | null>(defaultStartsAt ?? null);
  const [reason, setReason] = useState("");
  /** The patient's other visits at the chosen time, as the server named them: staff may book anyway. */
  const [overlap, setOverlap] = useState<ConflictingAppointment[] | null>(null);
  const [repeat, setRepeat] = useState(false);
  const [series, setSeries] = useState<SeriesChoice | null>(null);
  const type = types.find((t) => t.id === typeId);
  const telehealthPossible = Boolean(type?.telehealthProviderIds.includes(providerId));
  const mode: AppointmentMode = telehealthPossible ? chosenMode : "in_person";

  const hits = useQuery({
    enabled: debounced.length >= 2 && !patient,
    queryKey: scheduleKeys.patientPicker(orgId, debounced),
    queryFn: () => unwrap(searchPatientsAction({ q: debounced, limit: 8 })),
  });
  const slots = useFreeTimes({ type: typeId, provider: providerId, date, mode });
  const book = useActionMutation(bookAppointmentAction, {
    invalidate: [scheduleKeys.all(orgId), staffKeys.patients(orgId)],
    conflictFields: { appointment_overlap: "startsAt" },
    onSuccess: (appointment) => {
      toast.show({
        message: `Booked ${patient ? `${patient.firstName} ${patient.lastName} ` : ""}on ${dayLabel(appointment.startsAt, tz)} at ${timeLabel(appointment.startsAt, tz)}.`,
      });
      onBooked(appointment.id);
    },
  });
  const bookSeries = useActionMutation(bookSeriesAction, {
    invalidate: [scheduleKeys.all(orgId), staffKeys.patients(orgId)],
    onSuccess: (booked) => {
      const first = booked.appointments[0]!;
      toast.show({
        message: `Booked ${booked.appointments.length} visits${patient ? ` for ${patient.firstName} ${patient.lastName}` : ""}, from ${dayLabel(first.startsAt, tz)} at ${timeLabel(first.startsAt, tz)}.`,
      });
      onBooked(first.id);
    },
  });
  const fe = book.errors.fieldErrors;

  /** Another choice of type, provider, mode or day: the chosen time no longer applies. */
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setStartsAt(null);
      setOverlap(null);
      setSeries(null);
    };

  const submit = (acknowledgedOverlapIds?: string[]) => {
    if (!patient || !startsAt) return;
    if (repeat) {
      if (!series) return;
      bookSeries.mutate({
        patientId: patient.id,
        providerId,
        appointmentTypeId: typeId,
        mode,
        startDate: series.startDate,
        startTime: series.startTime,
        rule: series.rule,
        starts: series.starts,
        reason: reason.trim() || undefined,
      });
      return;
    }
    book.mutate(
      {
        patientId: patient.id,
        providerId,
        appointmentTypeId: typeId,
        startsAt,
        mode,
        reason: reason.trim() || undefined,
        acknowledgedOverlapIds,
      },
      {
        onError: (err) => {
          if (err instanceof ActionError && err.code === "conflict:patient_overlap") {
            setOverlap(err.details?.appointments ?? []);
            return;
          }
          setOverlap(null);
          // Taken meanwhile: offer the times that are still free.
          if (err instanceof ActionError && err.code === "conflict:appointment_overlap") {
            setStartsAt(null);
            void slots.refetch();
          }
        },
      },
    );
  };

  return (
    <Dialog title="Book an appointment" placement="center" onClose={onClose}>
      <form
        noValidate
        className="flex flex-col gap-4 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          setOverlap(null);
          submit();
        }}
      >
        {!overlap && <FormAlert message={book.errors.formError} fieldErrors={fe} shownFields={FIELDS} />}
        {repeat && <FormAlert message={bookSeries.errors.formError} />}
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.search} className="font-medium">
            Patient
          </label>
          {patient ? (
            <div className="flex items-center justify-between rounded-md border border-slate-300 px-3 py-2">
              <span>
                {patient.firstName} {patient.lastName}{" "}
                <span className="text-slate-500">
                  · {patient.dateOfBirth} · {patient.mrn}
                </span>
              </span>
              <button
                type="button"
                onClick={() => {
                  setPatient(null);
                  setOverlap(null);
                }}
                className="text-[var(--brand-primary)] underline"
              >
                Change
              </button>
            </div>
          ) : (
            <>
              <input
                id={ids.search}
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Name, date of birth, MRN, e-mail or phone"
                className="rounded-md border border-slate-300 px-3 py-2"
                autoComplete="off"
                aria-invalid={Boolean(fe.patientId) || undefined}
              />
              {hits.isError && (
                <p role="alert" className="text-red-700">
                  {hits.error.message}
                </p>
              )}
              {hits.data && (
                <ul aria-label="Matching patients" className="max-h-48 overflow-y-auto rounded-md border border-slate-200">
                  {hits.data.data.length === 0 && (
                    <li className="px-3 py-2 text-slate-500">No patient found. Register them on the Patients page first.</li>
                  )}
                  {hits.data.data.map((h) => (
                    <li key={h.id}>
                      <button type="button" onClick={() => setPatient(h)} className="w-full px-3 py-2 text-left hover:bg-slate-50">
                        {h.firstName} {h.lastName}{" "}
                        <span className="text-slate-500">
                          · {h.dateOfBirth} · {h.mrn}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <FieldError id={`${ids.search}-error`} errors={fe.patientId} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={ids.type} className="font-medium">
              Type
            </label>
            <select
              id={ids.type}
              value={typeId}
              onChange={(e) => change(setTypeId)(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-2"
            >
              {types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.durationMinutes} min)
                </option>
              ))}
            </select>
            <FieldError id={`${ids.type}-error`} errors={fe.appointmentTypeId} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={ids.provider} className="font-medium">
              Provider
            </label>
            <select
              id={ids.provider}
              value={providerId}
              onChange={(e) => change(setProviderId)(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-2"
            >
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <FieldError id={`${ids.provider}-error`} errors={fe.providerId} />
          </div>
        </div>
        {telehealthPossible && (
          <fieldset className="flex gap-4">
            <legend className="mb-1 font-medium">Mode</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === "in_person"} onChange={() => change(setChosenMode)("in_person")} /> In
              person
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="mode" checked={mode === "telehealth"} onChange={() => change(setChosenMode)("telehealth")} /> Video
              visit
            </label>
          </fieldset>
        )}
        <FieldError id="book-mode-error" errors={fe.mode} />
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.date} className="font-medium">
            Date
          </label>
          <input
            id={ids.date}
            type="date"
            min={todayInZone(tz)}
            value={date}
            onChange={(e) => e.target.value && change(setDate)(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-2"
          />
        </div>
        <div>
          <p id={ids.times} className="mb-2 font-medium">
            Free times <span className="font-normal text-slate-500">({zoneLabel(tz)})</span>
          </p>
          {slots.isFetching && <p className="text-slate-500">Finding free times…</p>}
          {slots.isError && (
            <p role="alert" className="text-red-700">
              {slots.error.message}
            </p>
          )}
          {slots.data?.data.length === 0 && <p className="text-slate-500">No free times that day.</p>}
          <div role="group" aria-labelledby={ids.times} className="flex flex-wrap gap-2">
            {slots.data?.data.map((s) => (
              <TimeButton
                key={isoOf(s.startsAt)}
                pressed={startsAt?.getTime() === new Date(s.startsAt).getTime()}
                onClick={() => {
                  setStartsAt(new Date(s.startsAt));
                  setOverlap(null);
                  setSeries(null);
                }}
              >
                {timeLabel(s.startsAt, tz)}
              </TimeButton>
            ))}
          </div>
          <FieldError id={`${ids.times}-error`} errors={fe.startsAt} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.reason} className="font-medium">
            Reason <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input
            id={ids.reason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            aria-invalid={Boolean(fe.reason) || undefined}
            className="rounded-md border border-slate-300 px-3 py-2"
          />
          <FieldError id={`${ids.reason}-error`} errors={fe.reason} />
        </div>
        {patient && startsAt && (
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={repeat}
              onChange={(e) => {
                setRepeat(e.target.checked);
                setSeries(null);
                setOverlap(null);
              }}
            />
            Repeat this visit weekly…
          </label>
        )}
        {repeat && patient && startsAt && (
          <SeriesSection
            key={`${patient.id}|${typeId}|${providerId}|${mode}|${startsAt.getTime()}`}
            plan={{ patientId: patient.id, providerId, appointmentTypeId: typeId, mode, startsAt }}
            timeZone={tz}
            onChoice={setSeries}
          />
        )}
        {overlap && patient && (
          <div role="alert" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
            <p className="font-medium">
              {patient.firstName} {patient.lastName} already has{" "}
              {overlap.length === 1 ? "an appointment" : `${overlap.length} appointments`} at that time:
            </p>
            <ul className="list-disc pl-5">
              {overlap.map((o) => (
                <li key={o.id}>
                  {dayLabel(new Date(o.startsAt), tz)}, {timeLabel(new Date(o.startsAt), tz)} – {timeLabel(new Date(o.endsAt), tz)} ·{" "}
                  {o.appointmentTypeName} with {o.providerName}
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                disabled={book.isPending}
                onClick={() => submit(overlap.map((o) => o.id))}
                className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
              >
                {book.isPending ? "Booking…" : "Book anyway"}
              </button>
              <button
                type="button"
                onClick={() => {
                  setOverlap(null);
                  setStartsAt(null);
                }}
                className="rounded-md border border-amber-400 bg-white px-3 py-1.5"
              >
                Choose another time
              </button>
            </div>
          </div>
        )}
        <button
          type="submit"
          disabled={!patient || !startsAt || book.isPending || bookSeries.isPending || Boolean(overlap) || (repeat && !series)}
          className="rounded-md bg-[var(--brand-primary)] px-4 py-2 font-medium text-white disabled:opacity-50"
        >
          {book.isPending || bookSeries.isPending
            ? "Booking…"
            : repeat
              ? series
                ? `Book ${series.starts.length} visits`
                : "Check the dates to book the series"
              : "Book"}
        </button>
      </form>
    </Dialog>
  );
}
