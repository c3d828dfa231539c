"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import type { PatientLanguage } from "@/lib/i18n/locales";
import { requestAccessReportAction } from "../actions";

type State = { kind: "idle" | "pending" } | { kind: "sent" } | { kind: "error"; message: string; field?: string };

export function RequestAccessReport({ hospital }: { hospital: string }) {
  const t = useTranslations("AccessReport");
  const language = useLocale() as PatientLanguage;
  const { formError, fieldErrors } = usePatientErrors();
  const [state, setState] = useState<State>({ kind: "idle" });
  const emailId = useId();
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    setState({ kind: "pending" });
    const result = await requestAccessReportAction({ email, language }).catch(() => null);
    if (!result) {
      setState({ kind: "error", message: t("unreachable") });
      return;
    }
    if (!result.ok) {
      const field = result.fieldErrors?.email ? fieldErrors({ email: result.fieldErrors.email }).email?.[0] : undefined;
      setState({
        kind: "error",
        message: field ?? formError({ code: result.code, message: result.formError }),
        field: field ? "email" : undefined,
      });
      return;
    }
    setState({ kind: "sent" });
  }

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">{t("requestHeading")}</h1>
      <p className="mt-2 text-slate-700">{t("requestLead", { hospital })}</p>
      {state.kind === "sent" ? (
        <p role="status" className="mt-6 rounded-md bg-emerald-50 px-3 py-2 text-emerald-900">
          {t("requested")}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate className="mt-6 flex flex-col gap-3">
          <label htmlFor={emailId} className="text-sm font-medium text-slate-800">
            {t("emailLabel")}
          </label>
          <input
            id={emailId}
            name="email"
            type="email"
            autoComplete="email"
            required
            aria-invalid={state.kind === "error" && state.field === "email"}
            aria-describedby={state.kind === "error" ? errorId : undefined}
            className="min-h-11 w-full max-w-md rounded-md border border-slate-400 px-3 py-2"
          />
          {state.kind === "error" && (
            <p id={errorId} role="alert" className="text-sm text-red-700">
              {state.message}
            </p>
          )}
          <button
            type="submit"
            disabled={state.kind === "pending"}
            className="mt-2 min-h-11 self-start rounded-md bg-[var(--brand-primary)] px-5 py-2.5 font-medium text-white disabled:opacity-60"
          >
            {state.kind === "pending" ? t("sending") : t("send")}
          </button>
          <p className="text-sm text-slate-600">{t("requestHow")}</p>
        </form>
      )}
    </section>
  );
}
