"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useChangePolicy } from "@/components/i18n/use-change-policy";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import type { FreeTime } from "@/components/scheduling/day-times";
import { dayLabel, timeLabel, zoneLabel } from "@/components/scheduling/format";
import { HospitalContact } from "@/components/scheduling/hospital-contact";
import { preloadSlotPicker, SlotPicker } from "@/components/scheduling/lazy-slot-picker";
import { intlLocale } from "@/lib/i18n/locales";
import type { HospitalContact as Contact } from "@/lib/organizations/contact";
import { selectionQuery } from "@/lib/scheduling/booking-steps";
import { googleCalendarUrl, outlookCalendarUrl } from "@/lib/scheduling/calendar-links";
import { tenantHref } from "@/lib/tenancy/href";
import { IntakeSection, type ManageIntake } from "./intake-section";

type Summary = {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  mode: "in_person" | "telehealth";
  timeZone: string;
  patientFirstName: string;
  providerId: string;
  providerName: string;
  appointmentTypeId: string;
  appointmentTypeName: string;
  locationId: string | null;
  locationName: string | null;
  telehealthUrl: string | null;
  cancellationWindowHours: number;
  bookingHorizonDays: number;
  canChange: boolean;
  contact: Contact;
  calendar: { title: string; details: string; location: string };
  intake: ManageIntake;
  intakeOpen: boolean;
};

const button =
  "inline-flex min-h-11 items-center justify-center rounded-md border px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60";
const plain = `${button} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
const primary = `${button} border-[var(--brand-primary)] bg-[var(--brand-primary)] text-white hover:opacity-90`;
const danger = `${button} border-red-300 bg-white text-red-800 hover:bg-red-50`;

const when = (instant: string, tz: string, locale: string) => `${dayLabel(instant, tz, locale)}, ${timeLabel(instant, tz, locale)}`;
const STATUSES = ["scheduled", "confirmed", "checked_in", "completed", "cancelled", "no_show"] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (value: string): value is Status => (STATUSES as readonly string[]).includes(value);

/** A failed request, with the server's error (its code and words). */
class ServerError extends Error {
  constructor(readonly error: { code?: string; message?: string } | undefined) {
    super(error?.message ?? "request failed");
  }
}

export function ManageAppointment({
  basePath,
  token,
  justBooked,
  contact,
}: {
  basePath: string;
  token: string;
  justBooked: boolean;
  contact: Contact;
}) {
  const t = useTranslations("Manage");
  const locale = intlLocale(useLocale());
  const { formError } = usePatientErrors();
  const { policyText, windowText } = useChangePolicy();
  const api = (path: string) => tenantHref(basePath, path);
  const queryClient = useQueryClient();
  const key = ["public", basePath, "manage", token];
  const summary = useQuery({
    queryKey: key,
    queryFn: async (): Promise<Summary> => {
      const response = await fetch(api(`/api/v1/public/manage/${token}`));
      const body = await response.json();
      if (!response.ok) throw new ServerError(body?.error);
      return body.data;
    },
    retry: false,
  });
  const [panel, setPanel] = useState<"none" | "reschedule" | "cancel">("none");
  const [date, setDate] = useState<string | undefined>();
  const [target, setTarget] = useState<FreeTime | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (panel !== "none") panelHeading.current?.focus();
  }, [panel, target]);

  // The calendar for moving the visit is fetched once the appointment shows, before it is asked for.
  const loaded = summary.isSuccess;
  useEffect(() => {
    if (loaded) preloadSlotPicker();
  }, [loaded]);

  async function post(path: string, payload: unknown, success: string) {
    setPending(true);
    setMessage(null);
    const response = await fetch(api(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const body = await response.json();
    setPending(false);
    if (!response.ok) {
      setMessage(formError(body?.error, "changeFailed"));
      setTarget(null);
      await queryClient.invalidateQueries({ queryKey: ["public", basePath, "availability"] });
      return;
    }
    queryClient.setQueryData(key, body.data);
    setPanel("none");
    setTarget(null);
    setDate(undefined);
    setMessage(success);
  }

  if (summary.isPending) return <p className="text-slate-600">{t("loading")}</p>;
  if (summary.isError || !summary.data) {
    return (
      <div className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
        <p role="alert" className="font-medium">
          {formError(summary.error instanceof ServerError ? summary.error.error : undefined, "linkNotValid")}
        </p>
        <HospitalContact contact={contact} lead={t("changeLead")} />
      </div>
    );
  }
  const s = summary.data;
  const tz = s.timeZone;
  const cancelled = s.status === "cancelled";
  const event = { ...s.calendar, startsAt: s.startsAt, endsAt: s.endsAt, timeZone: tz };
  const bookAgain = api(
    `/book?${selectionQuery({ location: s.locationId ?? undefined, type: s.appointmentTypeId, mode: s.mode, provider: s.providerId })}`,
  );

  return (
    <div className="flex flex-col gap-4">
      {justBooked && !cancelled && (
        <div role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-900">
          <p className="text-lg font-semibold">{t("booked", { name: s.patientFirstName })}</p>
          <p>{t("bookedNote")}</p>
        </div>
      )}
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h1 className="text-xl font-semibold">{s.appointmentTypeName}</h1>
        <dl className="mt-4 grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-600">{t("when")}</dt>
            <dd className={cancelled ? "line-through" : ""}>
              {when(s.startsAt, tz, locale)} – {timeLabel(s.endsAt, tz, locale)}
              <span className="block text-sm text-slate-600">{zoneLabel(tz, locale)}</span>
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("with")}</dt>
            <dd>{s.providerName}</dd>
          </div>
          {s.locationName && s.mode === "in_person" && (
            <div>
              <dt className="text-sm text-slate-600">{t("location")}</dt>
              <dd>{s.locationName}</dd>
            </div>
          )}
          <div>
            <dt className="text-sm text-slate-600">{t("status")}</dt>
            <dd>{isStatus(s.status) ? t(`statuses.${s.status}`) : s.status}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">{t("visit")}</dt>
            <dd>
              {s.mode === "telehealth"
                ? t("videoVisit")
                : s.contact.address
                  ? t("inPersonAt", { address: s.contact.address })
                  : t("inPerson")}
            </dd>
          </div>
          {s.mode === "telehealth" && s.telehealthUrl && !cancelled && (
            <div>
              <dt className="text-sm text-slate-600">{t("videoVisit")}</dt>
              <dd>
                <a
                  href={s.telehealthUrl}
                  className="inline-flex min-h-11 items-center font-medium text-[var(--brand-primary)] underline"
                  rel="noopener"
                >
                  {t("joinVideo")}
                </a>
              </dd>
            </div>
          )}
        </dl>
        {message && (
          <p role="status" className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm">
            {message}
          </p>
        )}

        {!cancelled && (
          <div className="mt-6">
            <h2 className="text-sm font-semibold text-slate-800">{t("addToCalendar")}</h2>
            <ul className="mt-2 flex flex-wrap gap-2">
              <li>
                <a href={api(`/api/v1/public/manage/${token}/calendar`)} download="appointment.ics" className={plain}>
                  {t("downloadIcs")}
                </a>
              </li>
              <li>
                <a href={googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer" className={plain}>
                  {t("googleCalendar")}
                </a>
              </li>
              <li>
                <a href={outlookCalendarUrl(event)} target="_blank" rel="noopener noreferrer" className={plain}>
                  {t("outlook")}
                </a>
              </li>
            </ul>
          </div>
        )}

        {cancelled ? (
          <div className="mt-6 flex flex-col gap-3">
            <p>{t("cancelledAgain")}</p>
            <a href={bookAgain} className={`${primary} self-start`}>
              {t("bookAgain")}
            </a>
          </div>
        ) : s.canChange ? (
          <>
            <p className="mt-6 text-sm text-slate-700">{policyText(s.cancellationWindowHours)}</p>
            <div className="mt-3 flex flex-wrap gap-3">
              <button
                type="button"
                aria-expanded={panel === "reschedule"}
                onClick={() => {
                  setMessage(null);
                  setTarget(null);
                  setPanel(panel === "reschedule" ? "none" : "reschedule");
                }}
                className={plain}
              >
                {t("reschedule")}
              </button>
              <button
                type="button"
                aria-expanded={panel === "cancel"}
                disabled={pending}
                onClick={() => {
                  setMessage(null);
                  setPanel(panel === "cancel" ? "none" : "cancel");
                }}
                className={danger}
              >
                {t("cancel")}
              </button>
            </div>
          </>
        ) : (
          <div className="mt-6 text-sm">
            <p className="mb-2 text-slate-700">{t("changesUpTo", { hours: s.cancellationWindowHours })}</p>
            <HospitalContact contact={s.contact} lead={t("withinWindow", { window: windowText(s.cancellationWindowHours) })} />
          </div>
        )}
      </section>

      {(s.intake.questions.length > 0 || s.intake.insurance !== "off") && !cancelled && (
        <IntakeSection
          intake={s.intake}
          open={s.intakeOpen}
          apiPath={api(`/api/v1/public/manage/${token}`)}
          onSaved={(data, note) => {
            queryClient.setQueryData(key, data);
            setMessage(note);
          }}
        />
      )}

      {panel === "cancel" && s.canChange && (
        <section aria-labelledby="cancel-heading" className="rounded-xl border border-red-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id="cancel-heading" ref={panelHeading} tabIndex={-1} className="font-semibold focus:outline-none">
            {t("cancelTitle")}
          </h2>
          <p className="mt-2 text-sm text-slate-700">
            {t("cancelBody", {
              type: s.appointmentTypeName,
              provider: s.providerName,
              when: when(s.startsAt, tz, locale),
              zone: zoneLabel(tz, locale),
            })}
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <button
              type="button"
              disabled={pending}
              onClick={() => void post(`/api/v1/public/manage/${token}/cancel`, {}, t("cancelled"))}
              className={danger}
            >
              {pending ? t("cancelling") : t("yesCancel")}
            </button>
            <button type="button" onClick={() => setPanel("none")} className={plain}>
              {t("keep")}
            </button>
          </div>
        </section>
      )}

      {panel === "reschedule" && s.canChange && (
        <section aria-labelledby="move-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          {target ? (
            <>
              <h2 id="move-heading" ref={panelHeading} tabIndex={-1} className="font-semibold focus:outline-none">
                {t("confirmTitle")}
              </h2>
              <dl className="mt-3 grid gap-2 text-sm">
                <div className="flex flex-wrap gap-2">
                  <dt className="w-12 text-slate-600">{t("from")}</dt>
                  <dd className="line-through">{when(s.startsAt, tz, locale)}</dd>
                </div>
                <div className="flex flex-wrap gap-2">
                  <dt className="w-12 text-slate-600">{t("to")}</dt>
                  <dd className="font-semibold">{when(target.startsAt, tz, locale)}</dd>
                </div>
              </dl>
              <p className="mt-2 text-sm text-slate-600">{t("withZone", { provider: s.providerName, zone: zoneLabel(tz, locale) })}</p>
              <div className="mt-4 flex flex-wrap gap-3">
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => void post(`/api/v1/public/manage/${token}/reschedule`, { startsAt: target.startsAt }, t("moved"))}
                  className={primary}
                >
                  {pending ? t("moving") : t("confirmNew")}
                </button>
                <button type="button" onClick={() => setTarget(null)} className={plain}>
                  {t("chooseAnother")}
                </button>
              </div>
            </>
          ) : (
            <>
              <h2 id="move-heading" ref={panelHeading} tabIndex={-1} className="mb-2 font-semibold focus:outline-none">
                {t("chooseNew")}
              </h2>
              <SlotPicker
                basePath={basePath}
                query={{ type: s.appointmentTypeId, provider: s.providerId, mode: s.mode }}
                timeZone={tz}
                horizonDays={s.bookingHorizonDays}
                windowHours={s.cancellationWindowHours}
                date={date}
                onDateChange={setDate}
                onChoose={setTarget}
                exclude={s.startsAt}
                empty={() => <p className="mt-3 text-sm">{t("noTimesThisMonth")}</p>}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
