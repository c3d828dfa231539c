"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionError, unwrap } from "@/components/actions/action-client";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { confirmEmailAction } from "../actions";

export function ConfirmEmail({ token }: { token: string }) {
  const t = useTranslations("ConfirmEmail");
  const { formError } = usePatientErrors();
  const [state, setState] = useState<{ kind: "idle" | "pending" | "done" | "error"; message?: string }>({ kind: "idle" });
  const confirm = async () => {
    setState({ kind: "pending" });
    try {
      await unwrap(confirmEmailAction({ token }));
      setState({ kind: "done", message: t("confirmed") });
    } catch (err) {
      if (!(err instanceof ActionError) || err.code === "network") {
        setState({ kind: "error", message: t("unreachable") });
        return;
      }
      // A malformed link says nothing about fields the visitor could correct: it is not a valid link.
      const error = err.code === "validation" ? { message: err.message } : { code: err.code, message: err.message };
      setState({ kind: "error", message: formError(error, "linkNotValid") });
    }
  };
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("lead")}</p>
      {state.kind === "done" || state.kind === "error" ? (
        <p role="status" className={`mt-4 text-sm font-medium ${state.kind === "done" ? "text-emerald-800" : "text-red-700"}`}>
          {state.message}
        </p>
      ) : (
        <button
          type="button"
          onClick={confirm}
          disabled={state.kind === "pending"}
          className="mt-4 rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800 disabled:opacity-60"
        >
          {state.kind === "pending" ? t("confirming") : t("confirm")}
        </button>
      )}
    </section>
  );
}
