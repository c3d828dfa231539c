"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { timeLabel, zoneLabel } from "@/components/scheduling/format";
import { useTenant, useTenantHref } from "@/components/tenancy/tenant-provider";
import { orgQueryKey } from "@/lib/query/client";
import type { ProviderOption, TypeOption } from "./schedule-view";

type PatientHit = { id: string; firstName: string; lastName: string; dateOfBirth: string; mrn: string };

/** Staff booking: patient → type → provider → mode → date → a free time. The database has the final word on clashes. */
export function BookDialog({
  providers,
  types,
  defaultProviderId,
  defaultDate,
  onClose,
  onBooked,
}: {
  providers: ProviderOption[];
  types: TypeOption[];
  defaultProviderId: string;
  defaultDate: string;
  onClose: () => void;
  onBooked: (id: string) => void;
}) {
  const tenant = useTenant();
  const href = useTenantHref();
  const queryClient = useQueryClient();
  const tz = tenant.organization.timeZone;
  const ids = { search: useId(), type: useId(), provider: useId(), date: useId(), reason: useId() };
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [patient, setPatient] = useState<PatientHit | null>(null);
  const [typeId, setTypeId] = useState(types[0]?.id ?? "");
  const [providerId, setProviderId] = useState(defaultProviderId);
  const [mode, setMode] = useState<"in_person" | "telehealth">("in_person");
  const [date, setDate] = useState(defaultDate);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const type = types.find((t) => t.id === typeId);
  const provider = providers.find((p) => p.id === providerId);
  const telehealthPossible = Boolean(type?.telehealthAllowed && provider?.offersTelehealth);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  useEffect(() => {
    if (!telehealthPossible) setMode("in_person");
    setStartsAt(null);
  }, [telehealthPossible, typeId, providerId, date, mode]);

  const hits = useQuery({
    enabled: debounced.length >= 2 && !patient,
    queryKey: orgQueryKey(tenant.organization.id, "patients", "search", debounced),
    queryFn: async (): Promise<PatientHit[]> => {
      const response = await fetch(href(`/api/v1/patients?${new URLSearchParams({ q: debounced, limit: "8" })}`));
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Search failed.");
      return body.data;
    },
  });
  const slots = useQuery({
    enabled: Boolean(typeId && providerId && date),
    queryKey: orgQueryKey(tenant.organization.id, "slots", typeId, providerId, date, mode),
    queryFn: async (): Promise<{ startsAt: string }[]> => {
      const response = await fetch(
        href(`/api/v1/availability?${new URLSearchParams({ type: typeId, provider: providerId, from: date, to: date, mode })}`),
      );
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? "Could not load free times.");
      return body.data;
    },
  });
  const book = useMutation({
    mutationFn: async () => {
      const response = await fetch(href("/api/v1/appointments"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          patientId: patient?.id,
          providerId,
          appointmentTypeId: typeId,
          startsAt,
          mode,
          reason: reason || undefined,
        }),
      });
      const body = await response.json();
      if (!response.ok) throw Object.assign(new Error(body?.error?.message ?? "Could not book."), { status: response.status });
      return body.data as { id: string };
    },
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: orgQueryKey(tenant.organization.id, "appointments") });
      onBooked(data.id);
    },
    onError: (err: Error & { status?: number }) => {
      if (err.status === 409) {
        setStartsAt(null);
        void slots.refetch();
      }
    },
  });

  return (
    <div
      className="fixed inset-0 z-20 flex items-start justify-center overflow-y-auto bg-slate-900/30 p-4"
      role="dialog"
      aria-modal="true"
      aria-labelledby="book-title"
      onClick={onClose}
    >
      <div className="mt-8 w-full max-w-lg rounded-xl bg-white p-6 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <div className="mb-4 flex items-center justify-between">
          <h2 id="book-title" className="text-lg font-semibold">
            Book an appointment
          </h2>
          <button type="button" onClick={onClose} aria-label="Close" className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100">
            ✕
          </button>
        </div>
        <form
          className="flex flex-col gap-4 text-sm"
          onSubmit={(e) => {
            e.preventDefault();
            if (patient && startsAt) book.mutate();
          }}
        >
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
                <button type="button" onClick={() => setPatient(null)} className="text-[var(--brand-primary)] underline">
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
                />
                {hits.data && (
                  <ul className="max-h-48 overflow-y-auto rounded-md border border-slate-200">
                    {hits.data.length === 0 && (
                      <li className="px-3 py-2 text-slate-500">No patient found. Register them on the Patients page first.</li>
                    )}
                    {hits.data.map((h) => (
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
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={ids.type} className="font-medium">
                Type
              </label>
              <select
                id={ids.type}
                value={typeId}
                onChange={(e) => setTypeId(e.target.value)}
                className="rounded-md border border-slate-300 bg-white px-2 py-2"
              >
                {types.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.durationMinutes} min)
                  </option>
                ))}
              </select>
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={ids.provider} className="font-medium">
                Provider
              </label>
              <select
                id={ids.provider}
                value={providerId}
                onChange={(e) => setProviderId(e.target.value)}
                className="rounded-md border border-slate-300 bg-white px-2 py-2"
              >
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {telehealthPossible && (
            <fieldset className="flex gap-4">
              <legend className="mb-1 font-medium">Mode</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "in_person"} onChange={() => setMode("in_person")} /> In person
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "telehealth"} onChange={() => setMode("telehealth")} /> Video visit
              </label>
            </fieldset>
          )}
          <div className="flex flex-col gap-1">
            <label htmlFor={ids.date} className="font-medium">
              Date
            </label>
            <input
              id={ids.date}
              type="date"
              value={date}
              onChange={(e) => e.target.value && setDate(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-2"
            />
          </div>
          <div>
            <p className="mb-2 font-medium">
              Free times <span className="font-normal text-slate-500">({zoneLabel(tz)})</span>
            </p>
            {slots.isFetching && <p className="text-slate-500">Finding free times…</p>}
            {slots.isError && (
              <p role="alert" className="text-red-700">
                {slots.error.message}
              </p>
            )}
            {slots.data?.length === 0 && <p className="text-slate-500">No free times that day.</p>}
            <div className="flex flex-wrap gap-2">
              {slots.data?.map((s) => (
                <button
                  key={s.startsAt}
                  type="button"
                  aria-pressed={startsAt === s.startsAt}
                  onClick={() => setStartsAt(s.startsAt)}
                  className={`rounded-md border px-2 py-1 tabular-nums ${
                    startsAt === s.startsAt
                      ? "border-[var(--brand-primary)] bg-[var(--brand-primary)] text-white"
                      : "border-slate-300 hover:border-[var(--brand-primary)]"
                  }`}
                >
                  {timeLabel(s.startsAt, tz)}
                </button>
              ))}
            </div>
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
              className="rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
          {book.isError && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
              {book.error.message}
            </p>
          )}
          <button
            type="submit"
            disabled={!patient || !startsAt || book.isPending}
            className="rounded-md bg-[var(--brand-primary)] px-4 py-2 font-medium text-white disabled:opacity-50"
          >
            {book.isPending ? "Booking…" : "Book"}
          </button>
        </form>
      </div>
    </div>
  );
}
