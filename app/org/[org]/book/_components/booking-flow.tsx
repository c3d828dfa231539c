"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { tenantHref } from "@/lib/tenancy/href";
import { addDays, dayLabel, timeLabel, todayInZone, zoneLabel } from "@/components/scheduling/format";
import { DetailsForm, type PatientDetails } from "./details-form";
import { WaitlistForm } from "./waitlist-form";

type Options = {
  organization: { name: string; timeZone: string; phone: string | null };
  enableTelehealth: boolean;
  cancellationWindowHours: number;
  bookingHorizonDays: number;
  types: { id: string; name: string; description: string | null; durationMinutes: number; telehealthAllowed: boolean }[];
  providers: {
    id: string;
    name: string;
    title: string | null;
    specialty: string | null;
    offersTelehealth: boolean;
    appointmentTypeIds: string[];
  }[];
};
type Slot = { providerId: string; startsAt: string; endsAt: string };
type ApiError = { error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> } };

const ANY = "any";
const DAYS_PER_PAGE = 7;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error((body as ApiError).error?.message ?? "Something went wrong. Please try again.");
  return body as T;
}

function Step({ n, title, done, children }: { n: number; title: string; done?: string | null; children?: React.ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={`step-${n}`}>
      <h2 id={`step-${n}`} className="flex items-center gap-3 font-semibold">
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-[var(--brand-primary)] text-sm text-white">{n}</span>
        {title}
        {done && <span className="ml-auto text-sm font-normal text-slate-500">{done}</span>}
      </h2>
      {children && <div className="mt-4">{children}</div>}
    </section>
  );
}

/** How a choice looks: a card (type, provider, visit mode) or a time on the slot grid. */
const CHOICE_STYLES = {
  card: {
    base: "rounded-lg border px-4 py-3 text-left text-sm transition",
    selected: "border-[var(--brand-primary)] bg-[var(--brand-primary)]/10 ring-1 ring-[var(--brand-primary)]",
    other: "border-slate-200 hover:border-slate-400",
  },
  time: {
    base: "rounded-md border px-3 py-1.5 text-sm tabular-nums",
    selected: "border-[var(--brand-primary)] bg-[var(--brand-primary)] text-white",
    other: "border-slate-300 hover:border-[var(--brand-primary)]",
  },
} as const;

/** One option of a step: a toggle button, pressed while it is the chosen one. */
function Choice({
  selected,
  onClick,
  look = "card",
  children,
}: {
  selected: boolean;
  onClick: () => void;
  look?: keyof typeof CHOICE_STYLES;
  children: React.ReactNode;
}) {
  const style = CHOICE_STYLES[look];
  return (
    <button type="button" aria-pressed={selected} onClick={onClick} className={`${style.base} ${selected ? style.selected : style.other}`}>
      {children}
    </button>
  );
}

export function BookingFlow({ basePath }: { basePath: string }) {
  const router = useRouter();
  const api = (path: string) => tenantHref(basePath, path);
  const options = useQuery({
    queryKey: ["public", basePath, "booking-options"],
    queryFn: () => getJson<{ data: Options }>(api("/api/v1/public/booking-options")),
  });

  const [typeId, setTypeId] = useState<string | null>(null);
  const [providerId, setProviderId] = useState<string>(ANY);
  const [mode, setMode] = useState<"in_person" | "telehealth">("in_person");
  const [weekStart, setWeekStart] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [hold, setHold] = useState<{ token: string; expiresAt: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<Slot[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const data = options.data?.data;
  const tz = data?.organization.timeZone ?? "UTC";
  const type = data?.types.find((t) => t.id === typeId) ?? null;
  const providers = useMemo(
    () => (data && typeId ? data.providers.filter((p) => p.appointmentTypeIds.includes(typeId)) : []),
    [data, typeId],
  );
  const telehealthPossible = Boolean(type?.telehealthAllowed && providers.some((p) => p.offersTelehealth));
  const from = weekStart ?? todayInZone(tz);
  const to = addDays(from, DAYS_PER_PAGE - 1);

  const slots = useQuery({
    enabled: Boolean(typeId),
    queryKey: ["public", basePath, "availability", typeId, providerId, mode, from],
    queryFn: () => {
      const q = new URLSearchParams({ type: typeId!, mode, from, to });
      if (providerId !== ANY) q.set("provider", providerId);
      return getJson<{ data: Slot[] }>(api(`/api/v1/public/availability?${q}`));
    },
  });

  useEffect(() => {
    setSlot(null);
    setHold(null);
  }, [typeId, providerId, mode]);

  async function chooseSlot(chosen: Slot) {
    setNotice(null);
    setSuggestions([]);
    const response = await fetch(api("/api/v1/public/holds"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appointmentTypeId: typeId, providerId: chosen.providerId, startsAt: chosen.startsAt, mode }),
    });
    const body = await response.json();
    if (!response.ok) {
      await takenElsewhere((body as ApiError).error?.message ?? "That time is no longer available.");
      return;
    }
    setSlot(chosen);
    setHold(body.data);
  }

  async function takenElsewhere(message: string) {
    setSlot(null);
    setHold(null);
    setNotice(message);
    const fresh = await slots.refetch();
    setSuggestions((fresh.data?.data ?? []).slice(0, 3));
  }

  async function submit(details: PatientDetails, reason: string) {
    if (!slot || !typeId) return;
    setSubmitting(true);
    setFieldErrors({});
    const response = await fetch(api("/api/v1/public/bookings"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        appointmentTypeId: typeId,
        providerId: slot.providerId,
        startsAt: slot.startsAt,
        mode,
        holdToken: hold?.token,
        reason: reason || undefined,
        patient: details,
      }),
    });
    const body = await response.json();
    setSubmitting(false);
    if (response.status === 409 && (body as ApiError).error?.code === "conflict:appointment_overlap") {
      await takenElsewhere("That time was just taken. Here are the next free times:");
      return;
    }
    if (!response.ok) {
      const error = (body as ApiError).error;
      setFieldErrors(Object.fromEntries(Object.entries(error?.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^patient\./, ""), v])));
      setNotice(error?.message ?? "We could not book this appointment. Please try again.");
      return;
    }
    router.push(api(`/appointments/manage/${body.data.manageToken}?booked=1`));
  }

  if (options.isPending) return <p className="text-slate-500">Loading…</p>;
  if (options.isError || !data)
    return (
      <p role="alert" className="text-red-700">
        {options.error?.message ?? "Could not load booking."}
      </p>
    );
  if (!data.types.length) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-6">
        There are no appointment types to book online right now. Please call us.
      </p>
    );
  }

  const slotList = slots.data?.data ?? [];
  const byDay = new Map<string, Slot[]>();
  for (const s of slotList) {
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(new Date(s.startsAt));
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const providerName = (id: string) => data.providers.find((p) => p.id === id)?.name ?? "";

  return (
    <div className="flex flex-col gap-4">
      <Step n={1} title="What kind of appointment?" done={type?.name}>
        <div className="grid gap-2 sm:grid-cols-2">
          {data.types.map((t) => (
            <Choice key={t.id} selected={t.id === typeId} onClick={() => setTypeId(t.id)}>
              <span className="block font-medium">{t.name}</span>
              <span className="text-slate-600">
                {t.durationMinutes} minutes{t.telehealthAllowed ? " · video available" : ""}
              </span>
              {t.description && <span className="mt-1 block text-slate-600">{t.description}</span>}
            </Choice>
          ))}
        </div>
      </Step>

      {type && (
        <Step n={2} title="Who would you like to see?" done={providerId === ANY ? "Any available" : providerName(providerId)}>
          <div className="grid gap-2 sm:grid-cols-3">
            <Choice selected={providerId === ANY} onClick={() => setProviderId(ANY)}>
              <span className="block font-medium">Any available</span>
              <span className="text-slate-600">The first free time with anyone</span>
            </Choice>
            {providers.map((p) => (
              <Choice key={p.id} selected={providerId === p.id} onClick={() => setProviderId(p.id)}>
                <span className="block font-medium">{p.name}</span>
                <span className="text-slate-600">{[p.title, p.specialty].filter(Boolean).join(" · ")}</span>
              </Choice>
            ))}
          </div>
        </Step>
      )}

      {type && telehealthPossible && (
        <Step n={3} title="In person or video?" done={mode === "telehealth" ? "Video visit" : "In person"}>
          <div className="flex gap-2">
            <Choice selected={mode === "in_person"} onClick={() => setMode("in_person")}>
              In person
            </Choice>
            <Choice selected={mode === "telehealth"} onClick={() => setMode("telehealth")}>
              Video visit
            </Choice>
          </div>
        </Step>
      )}

      {type && (
        <Step
          n={telehealthPossible ? 4 : 3}
          title="Choose a time"
          done={slot ? `${dayLabel(slot.startsAt, tz)}, ${timeLabel(slot.startsAt, tz)}` : null}
        >
          <p className="mb-3 text-sm text-slate-500">Times are shown in {zoneLabel(tz)}.</p>
          {notice && (
            <div role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {notice}
              {suggestions.length > 0 && (
                <div className="mt-2 flex flex-wrap gap-2">
                  {suggestions.map((s) => (
                    <button
                      key={s.startsAt + s.providerId}
                      type="button"
                      onClick={() => void chooseSlot(s)}
                      className="rounded border border-amber-300 bg-white px-2 py-1"
                    >
                      {dayLabel(s.startsAt, tz)} {timeLabel(s.startsAt, tz)}
                    </button>
                  ))}
                </div>
              )}
            </div>
          )}
          <div className="mb-3 flex items-center justify-between text-sm">
            <button
              type="button"
              disabled={from <= todayInZone(tz)}
              onClick={() => setWeekStart(addDays(from, -DAYS_PER_PAGE))}
              className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40"
            >
              ← Earlier
            </button>
            <span className="text-slate-600">
              {dayLabel(`${from}T12:00:00Z`, "UTC")} – {dayLabel(`${to}T12:00:00Z`, "UTC")}
            </span>
            <button
              type="button"
              disabled={addDays(from, DAYS_PER_PAGE) > addDays(todayInZone(tz), data.bookingHorizonDays)}
              onClick={() => setWeekStart(addDays(from, DAYS_PER_PAGE))}
              className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40"
            >
              Later →
            </button>
          </div>
          {slots.isPending && <p className="text-sm text-slate-500">Finding free times…</p>}
          {slots.isError && (
            <p role="alert" className="text-sm text-red-700">
              {slots.error.message}
            </p>
          )}
          {slots.data && slotList.length === 0 && (
            <div className="rounded-md bg-slate-50 p-4 text-sm text-slate-700">
              <p>No free times this week. Try later dates, or join the waiting list and we will e-mail you when a time opens up.</p>
              <WaitlistForm
                basePath={basePath}
                appointmentTypeId={type.id}
                providerId={providerId === ANY ? undefined : providerId}
                from={from}
                to={to}
              />
            </div>
          )}
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {[...byDay.entries()].map(([day, list]) => (
              <div key={day}>
                <h3 className="mb-2 text-sm font-medium text-slate-700">{dayLabel(list[0]!.startsAt, tz)}</h3>
                <div className="flex flex-wrap gap-2">
                  {list.map((s) => (
                    <Choice
                      key={s.startsAt + s.providerId}
                      look="time"
                      selected={slot?.startsAt === s.startsAt && slot.providerId === s.providerId}
                      onClick={() => void chooseSlot(s)}
                    >
                      {timeLabel(s.startsAt, tz)}
                    </Choice>
                  ))}
                </div>
              </div>
            ))}
          </div>
        </Step>
      )}

      {slot && hold && (
        <Step n={telehealthPossible ? 5 : 4} title="Your details">
          <p className="mb-4 text-sm text-slate-600">
            {type?.name} with {providerName(slot.providerId)} on {dayLabel(slot.startsAt, tz)} at {timeLabel(slot.startsAt, tz)} (
            {zoneLabel(tz)}){mode === "telehealth" ? " — video visit" : ""}. We are holding this time for you for a few minutes.
          </p>
          <DetailsForm pending={submitting} fieldErrors={fieldErrors} onSubmit={(d, reason) => void submit(d, reason)} />
        </Step>
      )}
    </div>
  );
}
