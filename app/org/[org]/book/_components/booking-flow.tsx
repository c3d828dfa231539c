"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useChangePolicy } from "@/components/i18n/use-change-policy";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { HospitalContact } from "@/components/scheduling/hospital-contact";
import type { FreeTime } from "@/components/scheduling/day-times";
import { dayLabel, timeLabel, zoneLabel } from "@/components/scheduling/format";
import { intlLocale } from "@/lib/i18n/locales";
import type { HospitalContact as Contact } from "@/lib/organizations/contact";
import {
  ANY_PROVIDER,
  plainFieldErrors,
  providersFor,
  readSelection,
  resolveSelection,
  selectionQuery,
  stepsFor,
  type BookingSelection,
  type BookingStep,
  type VisitMode,
} from "@/lib/scheduling/booking-steps";
import { changeableOnline } from "@/lib/scheduling/change-window";
import { tenantHref } from "@/lib/tenancy/href";
import type { PatientDetails } from "./details-form";
import { DetailsForm, preloadLaterSteps, SlotPicker, WaitlistForm } from "./later-steps";
import { IntakeFields, intakeLabels, readIntake } from "@/components/intake/intake-fields";
import { usePublicJson, type ApiError } from "@/components/public/use-public-json";
import type { InsuranceMode, IntakeQuestion } from "@/lib/intake/questions";

type Options = {
  organization: { name: string; timeZone: string; phone: string | null; contact: Contact };
  enableTelehealth: boolean;
  smsReminders: boolean;
  insurance: InsuranceMode;
  cancellationWindowHours: number;
  bookingHorizonDays: number;
  types: {
    id: string;
    name: string;
    description: string | null;
    durationMinutes: number;
    telehealthAllowed: boolean;
    intakeQuestions: IntakeQuestion[];
  }[];
  locations: { id: string; name: string; address: string | null; phone: string | null }[];
  providers: {
    id: string;
    name: string;
    title: string | null;
    specialty: string | null;
    offersTelehealth: boolean;
    appointmentTypeIds: string[];
    locationIds: string[];
  }[];
};
type Hold = { token: string; expiresAt: string };

/** A held time survives a reload of the details step (the same tab only). */
const holdKey = (s: BookingSelection) => `agentcare:hold:${s.type}:${s.with}:${s.time}`;
function storedHold(s: BookingSelection): Hold | null {
  try {
    const hold = JSON.parse(sessionStorage.getItem(holdKey(s)) ?? "null") as Hold | null;
    return hold && Date.parse(hold.expiresAt) > Date.now() ? hold : null;
  } catch {
    return null;
  }
}

const choiceClass = (selected: boolean) =>
  `flex min-h-11 w-full flex-col rounded-lg border px-4 py-3 text-left text-sm transition ${
    selected
      ? "border-[var(--brand-primary)] bg-[var(--brand-primary)]/10 ring-1 ring-[var(--brand-primary)]"
      : "border-slate-300 bg-white hover:border-slate-500"
  }`;

function Choice({ selected, onClick, children }: { selected: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" aria-pressed={selected} onClick={onClick} className={choiceClass(selected)}>
      {children}
    </button>
  );
}

export function BookingFlow({ basePath }: { basePath: string }) {
  const t = useTranslations("Booking");
  const tIntake = useTranslations("Intake");
  const language = useLocale();
  const locale = intlLocale(language);
  const { formError: errorText, fieldErrors: localFieldErrors } = usePatientErrors();
  const { policyText, windowText } = useChangePolicy();
  const router = useRouter();
  const params = useSearchParams();
  const api = useCallback((path: string) => tenantHref(basePath, path), [basePath]);
  const options = usePublicJson<{ data: Options }>(api("/api/v1/public/booking-options"));
  const data = options.status === "success" ? options.data.data : undefined;
  const raw = readSelection(params);
  const resolved = data ? resolveSelection(raw, data.types, data.providers, data.locations) : null;
  const selection = resolved?.selection ?? {};
  const step = resolved?.step ?? "type";

  const [hold, setHold] = useState<Hold | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [holding, setHolding] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  // A step is the query string alone: the browser's history holds it (back and forward work, and
  // useSearchParams follows), and no step asks the server to render the page again.
  const go = useCallback((next: BookingSelection, how: "push" | "replace" = "push") => {
    const query = selectionQuery(next);
    const href = query ? `${window.location.pathname}?${query}` : window.location.pathname;
    if (how === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, []);

  useEffect(() => {
    if (data) preloadLaterSteps();
  }, [data]);

  // A new step gets the focus (and the top of the screen), so a screen reader hears where it is.
  useEffect(() => {
    if (!data) return;
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, [step, data]);

  const placeHold = useCallback(
    async (s: BookingSelection): Promise<Hold | null> => {
      const kept = storedHold(s);
      if (kept) return kept;
      const response = await fetch(api("/api/v1/public/holds"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ appointmentTypeId: s.type, providerId: s.with, startsAt: s.time, mode: s.mode, locationId: s.location }),
      });
      const body = await response.json();
      if (!response.ok) {
        setNotice(errorText((body as ApiError).error, "timeGone"));
        return null;
      }
      const fresh = (body as { data: Hold }).data;
      try {
        sessionStorage.setItem(holdKey(s), JSON.stringify(fresh));
      } catch {
        // Private browsing without storage: the hold lasts as long as this page.
      }
      return fresh;
    },
    [api, errorText],
  );

  // On the details step (also after a reload) the chosen time must be held for this patient.
  const detailsKey = step === "details" ? holdKey(selection) : null;
  useEffect(() => {
    if (!detailsKey || hold) return;
    let live = true;
    void placeHold(selection).then((h) => {
      if (!live) return;
      if (h) setHold(h);
      else go({ ...selection, time: undefined, with: undefined }, "replace");
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the hold belongs to the chosen time only
  }, [detailsKey]);

  async function chooseTime(slot: FreeTime, date: string | undefined) {
    setNotice(null);
    setHolding(true);
    const next = { ...selection, date, time: slot.startsAt, with: slot.providerId };
    const h = await placeHold(next);
    setHolding(false);
    if (!h) return;
    setHold(h);
    setFieldErrors({});
    setFormError(null);
    go(next);
  }

  async function submit(details: PatientDetails, reason: string, choices: { smsOptIn: boolean }, form: HTMLFormElement) {
    if (step !== "details" || !data) return;
    const questions = data.types.find((t) => t.id === selection.type)?.intakeQuestions ?? [];
    const asks = questions.length > 0 || data.insurance !== "off";
    setSubmitting(true);
    setFieldErrors({});
    setFormError(null);
    const response = await fetch(api("/api/v1/public/bookings"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        appointmentTypeId: selection.type,
        providerId: selection.with,
        startsAt: selection.time,
        mode: selection.mode,
        locationId: selection.location,
        holdToken: hold?.token,
        reason: reason || undefined,
        patient: details,
        language,
        ...(choices.smsOptIn ? { smsOptIn: true } : {}),
        ...(asks ? { intake: readIntake(form, questions, data.insurance) } : {}),
      }),
    });
    const body = await response.json();
    setSubmitting(false);
    const code = (body as ApiError).error?.code;
    if (response.status === 409 && (code === "conflict:appointment_overlap" || code === "conflict:resource_overlap")) {
      setNotice(t("timeTaken"));
      setHold(null);
      go({ ...selection, time: undefined, with: undefined }, "replace");
      return;
    }
    if (!response.ok) {
      const error = (body as ApiError).error;
      const fields = localFieldErrors(plainFieldErrors(error?.fieldErrors));
      setFieldErrors(fields);
      setFormError(Object.keys(fields).length ? null : errorText(error, "bookFailed"));
      return;
    }
    try {
      sessionStorage.removeItem(holdKey(selection));
    } catch {
      // Nothing kept.
    }
    router.push(api(`/appointments/manage/${body.data.manageToken}?booked=1`));
  }

  if (options.status === "pending") return <p className="text-slate-600">{t("loading")}</p>;
  if (!data)
    return (
      <p role="alert" className="text-red-700">
        {errorText(options.status === "error" ? options.error : undefined, "bookingLoadFailed")}
      </p>
    );
  const contact = data.organization.contact;
  if (!data.types.length) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-6" aria-label={t("unavailableLabel")}>
        <HospitalContact contact={contact} lead={t("nothingToBook")} />
      </section>
    );
  }

  const tz = data.organization.timeZone;
  const type = data.types.find((t) => t.id === selection.type);
  const mode = selection.mode ?? "in_person";
  const chooseLocation = data.locations.length > 1;
  const location = data.locations.find((l) => l.id === selection.location);
  const here = location ? data.providers.filter((p) => p.locationIds.includes(location.id)) : data.providers;
  const offered = type ? providersFor(here, type.id, mode) : [];
  const at = location ? { location: location.id } : {};
  const providerName = (id: string) => data.providers.find((p) => p.id === id)?.name ?? "";
  const steps = stepsFor(resolved?.modes ?? [], chooseLocation);
  const index = steps.indexOf(step) + 1;
  const windowHours = data.cancellationWindowHours;
  const chosenLate = selection.time ? !changeableOnline(selection.time, windowHours) : false;

  const modeLabel = (m: VisitMode) => t(`modes.${m}`);
  const summary: { key: string; label: string; value: string; back: BookingSelection }[] = [];
  if (location) summary.push({ key: "location", label: t("summary.location"), value: location.name, back: {} });
  if (type)
    summary.push({
      key: "appointment",
      label: t("summary.appointment"),
      value: t("typeWithMinutes", { name: type.name, minutes: type.durationMinutes }),
      back: at,
    });
  if (type && (resolved?.modes.length ?? 0) > 1 && selection.mode)
    summary.push({ key: "visit", label: t("summary.visit"), value: modeLabel(selection.mode), back: { ...at, type: type.id } });
  if (selection.provider)
    summary.push({
      key: "with",
      label: t("summary.with"),
      value: selection.provider === ANY_PROVIDER ? t("anyProvider") : providerName(selection.provider),
      back: { ...at, type: selection.type, mode: selection.mode },
    });
  if (step === "details" && selection.time)
    summary.push({
      key: "when",
      label: t("summary.when"),
      value: `${dayLabel(selection.time, tz, locale)}, ${timeLabel(selection.time, tz, locale)}`,
      back: { ...at, type: selection.type, mode: selection.mode, provider: selection.provider, date: selection.date },
    });

  return (
    <div className="flex flex-col gap-4">
      {summary.length > 0 && (
        <nav aria-label={t("yourChoices")} className="rounded-lg border border-slate-200 bg-white px-4 py-2">
          <ul className="divide-y divide-slate-100">
            {summary.map((item) => (
              <li key={item.key} className="flex items-center justify-between gap-3 py-1 text-sm">
                <span>
                  <span className="text-slate-600">{item.label}: </span>
                  <span className="font-medium">{item.value}</span>
                </span>
                <button
                  type="button"
                  onClick={() => go(item.back)}
                  className="inline-flex min-h-11 min-w-11 items-center justify-center px-2 font-medium text-[var(--brand-primary)] underline"
                  aria-label={t("changeItem", { item: item.label.toLocaleLowerCase(language) })}
                >
                  {t("change")}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" aria-labelledby="booking-step">
        <p className="text-sm text-slate-600">{t("stepOf", { index, total: steps.length })}</p>
        <h2 id="booking-step" ref={heading} tabIndex={-1} className="mb-4 text-xl font-semibold focus:outline-none">
          {t(`steps.${step as BookingStep}`)}
        </h2>

        {notice && (
          <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {notice}
          </p>
        )}

        {step === "location" && (
          <div className="grid gap-3 sm:grid-cols-2">
            {data.locations.map((l) => (
              <Choice key={l.id} selected={l.id === raw.location} onClick={() => go({ location: l.id })}>
                <span className="block font-medium">{l.name}</span>
                {l.address && <span className="text-slate-600">{l.address}</span>}
                {l.phone && <span className="text-slate-600">{l.phone}</span>}
              </Choice>
            ))}
          </div>
        )}

        {step === "type" && (
          <div className="grid gap-3 sm:grid-cols-2">
            {data.types.map((offer) => (
              <Choice key={offer.id} selected={offer.id === raw.type} onClick={() => go({ ...at, type: offer.id })}>
                <span className="block font-medium">{offer.name}</span>
                <span className="text-slate-600">
                  {t("minutes", { minutes: offer.durationMinutes })}
                  {offer.telehealthAllowed ? t("videoAvailable") : ""}
                </span>
                {offer.description && <span className="mt-1 block text-slate-600">{offer.description}</span>}
              </Choice>
            ))}
          </div>
        )}

        {step === "mode" && type && (
          <div className="grid gap-3 sm:grid-cols-2">
            {(["in_person", "telehealth"] as const).map((m) => (
              <Choice key={m} selected={raw.mode === m} onClick={() => go({ ...at, type: type.id, mode: m })}>
                <span className="block font-medium">{modeLabel(m)}</span>
                <span className="text-slate-600">
                  {m === "in_person"
                    ? t("atPlace", { place: location?.name ?? data.organization.name })
                    : t("videoProviders", { count: providersFor(here, type.id, "telehealth").length })}
                </span>
              </Choice>
            ))}
          </div>
        )}

        {step === "provider" && type && (
          <>
            {mode === "telehealth" && <p className="mb-3 text-sm text-slate-600">{t("onlyVideoProviders")}</p>}
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
              <Choice selected={raw.provider === ANY_PROVIDER} onClick={() => go({ ...selection, provider: ANY_PROVIDER })}>
                <span className="block font-medium">{t("anyAvailable")}</span>
                <span className="text-slate-600">{t("firstFreeTime")}</span>
              </Choice>
              {offered.map((p) => (
                <Choice key={p.id} selected={raw.provider === p.id} onClick={() => go({ ...selection, provider: p.id })}>
                  <span className="block font-medium">{p.name}</span>
                  <span className="text-slate-600">{[p.title, p.specialty].filter(Boolean).join(" · ") || "\u00a0"}</span>
                </Choice>
              ))}
            </div>
          </>
        )}

        {step === "time" && type && (
          <SlotPicker
            basePath={basePath}
            query={{
              type: type.id,
              provider: selection.provider === ANY_PROVIDER ? undefined : selection.provider,
              mode,
              location: location?.id,
            }}
            timeZone={tz}
            horizonDays={data.bookingHorizonDays}
            windowHours={windowHours}
            date={selection.date}
            onDateChange={(date) => go({ ...selection, date })}
            onChoose={(slot) => void chooseTime(slot, selection.date)}
            disabled={holding}
            providerName={selection.provider === ANY_PROVIDER ? providerName : undefined}
            empty={(range) => (
              <div className="mt-4 rounded-md bg-slate-50 p-4 text-sm text-slate-700">
                <p>{t("noTimesThisMonth")}</p>
                <WaitlistForm
                  basePath={basePath}
                  appointmentTypeId={type.id}
                  providerId={selection.provider === ANY_PROVIDER ? undefined : selection.provider}
                  from={range.from}
                  to={range.to}
                />
                <div className="mt-4">
                  <HospitalContact contact={contact} lead={t("bookDirectly")} />
                </div>
              </div>
            )}
          />
        )}

        {step === "details" && type && selection.time && selection.with && (
          <>
            <p className="mb-4 text-slate-700">
              {t("chosenVisit", {
                type: type.name,
                provider: providerName(selection.with),
                atLocation: location && mode === "in_person" ? "yes" : "no",
                place: location?.name ?? "",
                day: dayLabel(selection.time, tz, locale),
                time: timeLabel(selection.time, tz, locale),
                zone: zoneLabel(tz, locale),
                video: mode === "telehealth" ? "yes" : "no",
              })}{" "}
              {hold ? t("holding") : t("placingHold")}
            </p>
            <div className="mb-5 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
              <h3 className="font-semibold">{t("policyTitle")}</h3>
              <p className="mt-1">{policyText(windowHours)}</p>
              {chosenLate && <p className="mt-2 font-medium text-amber-900">{t("lateChoice", { window: windowText(windowHours) })}</p>}
            </div>
            <DetailsForm
              pending={submitting || !hold}
              fieldErrors={fieldErrors}
              formError={formError}
              onSubmit={(d, reason, choices, form) => void submit(d, reason, choices, form)}
              offerSms={data.smsReminders}
              extraLabels={intakeLabels(type.intakeQuestions, (name) => tIntake(name))}
            >
              <IntakeFields questions={type.intakeQuestions} insurance={data.insurance} fieldErrors={fieldErrors} />
            </DetailsForm>
          </>
        )}
      </section>
    </div>
  );
}
