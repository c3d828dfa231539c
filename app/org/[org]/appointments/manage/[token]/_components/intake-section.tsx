"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { IntakeFields, intakeLabels, readIntake } from "@/components/intake/intake-fields";
import { plainFieldErrors } from "@/lib/scheduling/booking-steps";
import { INTAKE_LIMITS, type InsuranceDetails, type InsuranceMode, type IntakeAnswer, type IntakeQuestion } from "@/lib/intake/questions";

export type ManageIntake = {
  questions: IntakeQuestion[];
  insurance: InsuranceMode;
  response: { answers: IntakeAnswer[]; insurance: InsuranceDetails | null; hasCard: boolean; updatedAt: string } | null;
};

const button =
  "inline-flex min-h-11 items-center justify-center rounded-md border px-4 py-2 text-sm font-medium shadow-sm disabled:opacity-60";
const primary = `${button} border-[var(--brand-primary)] bg-[var(--brand-primary)] text-white hover:opacity-90`;
const plain = `${button} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;

async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The visit's intake form on the manage page: what was answered, and (until the visit starts)
 * a form to fill it in or correct it, with a photo of the insurance card where insurance is asked.
 */
export function IntakeSection({
  intake,
  open,
  apiPath,
  onSaved,
}: {
  intake: ManageIntake;
  open: boolean;
  /** The manage link's API path (`…/api/v1/public/manage/{token}`). */
  apiPath: string;
  onSaved: (summary: unknown, message: string) => void;
}) {
  const t = useTranslations("Intake");
  const tf = useTranslations("FieldErrors");
  const { formError: errorText, fieldErrors: localFieldErrors } = usePatientErrors();
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [cardNote, setCardNote] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const response = intake.response;
  const labels = intakeLabels(intake.questions, (name) => t(name));
  const answerText = (a: IntakeAnswer) =>
    a.value === null || a.value === "" ? "—" : a.kind === "yes_no" ? t(a.value ? "yes" : "no") : String(a.value);
  const problems = Object.entries(fieldErrors);

  async function save(target: HTMLFormElement) {
    setPending(true);
    setFieldErrors({});
    setFormError(null);
    const res = await fetch(`${apiPath}/intake`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(readIntake(target, intake.questions, intake.insurance)),
    });
    const body = await res.json();
    setPending(false);
    if (!res.ok) {
      const fields = localFieldErrors(plainFieldErrors(body?.error?.fieldErrors));
      setFieldErrors(fields);
      setFormError(Object.keys(fields).length ? null : body?.error?.message ? errorText(body.error) : t("saveFailed"));
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setEditing(false);
    onSaved(body.data, t("saved"));
  }

  async function uploadCard(file: File | undefined) {
    setCardNote(null);
    if (!file) return;
    if (file.size > INTAKE_LIMITS.cardBytes) {
      setCardNote(tf("cardTooLarge"));
      return;
    }
    setPending(true);
    const res = await fetch(`${apiPath}/intake/card`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ image: await fileAsBase64(file) }),
    });
    const body = await res.json();
    setPending(false);
    if (!res.ok) {
      const fields = Object.values(localFieldErrors(plainFieldErrors(body?.error?.fieldErrors))).flat();
      setCardNote(fields[0] ?? (body?.error?.code === "rate_limited" ? errorText(body.error) : t("cardFailed")));
      return;
    }
    const summary = await fetch(apiPath).then((r) => r.json());
    onSaved(summary.data, t("cardSaved"));
  }

  return (
    <section aria-labelledby="intake-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="intake-heading" className="text-lg font-semibold">
        {t("beforeVisit")}
      </h2>
      {!response && !editing && <p className="mt-2 text-slate-700">{open ? t("pleaseAnswer") : t("noAnswers")}</p>}
      {response && !editing && (
        <dl className="mt-3 grid gap-3 sm:grid-cols-2">
          {response.answers.map((a) => (
            <div key={a.questionId}>
              <dt className="text-sm text-slate-600">{a.label}</dt>
              <dd className="whitespace-pre-line font-medium">{answerText(a)}</dd>
            </div>
          ))}
          {response.insurance && (
            <div>
              <dt className="text-sm text-slate-600">{t("insurance")}</dt>
              <dd className="font-medium">
                {t("insuranceAnswer", { payer: response.insurance.payer, memberId: response.insurance.memberId })}
                {response.insurance.groupNumber ? t("group", { group: response.insurance.groupNumber }) : ""}
              </dd>
            </div>
          )}
          {intake.insurance !== "off" && (
            <div>
              <dt className="text-sm text-slate-600">{t("cardPhoto")}</dt>
              <dd className="font-medium">{response.hasCard ? t("received") : t("notAdded")}</dd>
            </div>
          )}
        </dl>
      )}
      {open && !editing && (
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <button type="button" className={response ? plain : primary} onClick={() => setEditing(true)}>
            {response ? t("change") : t("fill")}
          </button>
          {response && intake.insurance !== "off" && (
            <label className={`${plain} cursor-pointer focus-within:ring-2 focus-within:ring-[var(--brand-primary)]`}>
              {response.hasCard ? t("replaceCard") : t("addCard")}
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp"
                className="sr-only"
                disabled={pending}
                onChange={(e) => void uploadCard(e.target.files?.[0])}
              />
            </label>
          )}
        </div>
      )}
      {cardNote && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {cardNote}
        </p>
      )}
      {editing && (
        <form
          ref={form}
          className="mt-4 grid gap-4 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save(e.currentTarget);
          }}
        >
          <IntakeFields
            questions={intake.questions}
            insurance={intake.insurance}
            answers={response?.answers}
            insuranceDetails={response?.insurance}
            fieldErrors={fieldErrors}
          />
          <div className="flex flex-col gap-3 sm:col-span-2">
            <div role="alert" aria-live="assertive" className={problems.length || formError ? "" : "sr-only"}>
              {formError && <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{formError}</p>}
              {problems.length > 0 && (
                <ul className="list-disc rounded-md border border-red-200 bg-red-50 py-2 pr-3 pl-8 text-sm text-red-800">
                  {problems.map(([field, messages]) => (
                    <li key={field}>
                      {labels[field] ?? field}: {messages.join(" ")}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="flex flex-wrap gap-3">
              <button type="submit" className={primary} disabled={pending}>
                {pending ? t("saving") : t("save")}
              </button>
              <button type="button" className={plain} onClick={() => setEditing(false)}>
                {t("cancel")}
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
