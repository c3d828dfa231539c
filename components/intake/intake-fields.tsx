"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import { Field, FieldError, FieldFrame, describedBy } from "@/components/ui/form-field";
import {
  INSURANCE_FIELDS,
  INTAKE_LIMITS,
  answerField,
  insuranceField,
  type InsuranceDetails,
  type InsuranceMode,
  type IntakeAnswer,
  type IntakeQuestion,
} from "@/lib/intake/questions";

const INPUT =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-[var(--brand-primary)] focus:outline-none focus:ring-1 focus:ring-[var(--brand-primary)] aria-[invalid=true]:border-red-500";

/** The answers and insurance a form holds, in the shape the server takes. */
export type IntakeValues = {
  answers: Record<string, string | boolean | null>;
  insurance?: Partial<Record<(typeof INSURANCE_FIELDS)[number], string>>;
};

/** Reads the intake fields of a form (rendered by `IntakeFields`). */
export function readIntake(form: HTMLFormElement, questions: IntakeQuestion[], insurance: InsuranceMode): IntakeValues {
  const data = new FormData(form);
  const answers: IntakeValues["answers"] = {};
  for (const q of questions) {
    const raw = data.get(answerField(q.id));
    const text = typeof raw === "string" ? raw : "";
    if (q.kind === "yes_no") answers[q.id] = text === "yes" ? true : text === "no" ? false : null;
    else answers[q.id] = text === "" ? null : text;
  }
  if (insurance === "off") return { answers };
  const details: IntakeValues["insurance"] = {};
  for (const name of INSURANCE_FIELDS) {
    const raw = data.get(insuranceField(name));
    details[name] = typeof raw === "string" ? raw : "";
  }
  return { answers, insurance: details };
}

/** Field labels for an error summary: each question's words, and the insurance fields' in the page's language. */
export function intakeLabels(
  questions: IntakeQuestion[],
  insuranceLabel: (name: (typeof INSURANCE_FIELDS)[number]) => string,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const q of questions) labels[answerField(q.id)] = q.label;
  for (const name of INSURANCE_FIELDS) labels[insuranceField(name)] = insuranceLabel(name);
  return labels;
}

function Choices({
  question,
  options,
  value,
  errors,
}: {
  question: IntakeQuestion;
  options: { value: string; label: string }[];
  value: string | undefined;
  errors?: string[];
}) {
  const id = useId();
  const t = useTranslations("Intake");
  const hint = question.help ? `${id}-hint` : undefined;
  const error = errors?.length ? `${id}-error` : undefined;
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={describedBy(hint, error)}>
      <legend className="text-sm font-medium text-slate-700">
        {question.label}
        {!question.required && <span className="font-normal text-slate-500"> {t("optional")}</span>}
      </legend>
      {question.help && (
        <span id={hint} className="text-xs text-slate-500">
          {question.help}
        </span>
      )}
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {options.map((o, i) => (
          <label key={o.value} className="inline-flex min-h-11 items-center gap-2 text-base">
            <input
              type="radio"
              name={answerField(question.id)}
              value={o.value}
              defaultChecked={value === o.value}
              required={question.required && i === 0}
              className="h-4 w-4 accent-[var(--brand-primary)]"
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

function Question({ question, answer, errors }: { question: IntakeQuestion; answer?: IntakeAnswer; errors?: string[] }) {
  const t = useTranslations("Intake");
  const optionalText = t("optional").replace(/^\((.*)\)$/, "$1");
  const name = answerField(question.id);
  const value = answer?.value;
  switch (question.kind) {
    case "short_text":
    case "date":
      return (
        <Field
          name={name}
          label={question.label}
          type={question.kind === "date" ? "date" : "text"}
          required={question.required}
          maxLength={question.kind === "short_text" ? INTAKE_LIMITS.shortText : undefined}
          defaultValue={typeof value === "string" ? value : undefined}
          hint={question.help ?? undefined}
          errors={errors}
          inputClassName={INPUT}
          className="sm:col-span-2"
          optionalText={optionalText}
        />
      );
    case "long_text":
      return (
        <FieldFrame
          label={question.label}
          optional={!question.required}
          optionalText={optionalText}
          hint={question.help ?? undefined}
          errors={errors}
          className="sm:col-span-2"
        >
          {(control) => (
            <textarea
              {...control}
              name={name}
              rows={3}
              required={question.required}
              maxLength={INTAKE_LIMITS.longText}
              defaultValue={typeof value === "string" ? value : undefined}
              className={INPUT}
            />
          )}
        </FieldFrame>
      );
    case "choice":
      return (
        <div className="sm:col-span-2">
          <Choices
            question={question}
            options={question.choices.map((c) => ({ value: c, label: c }))}
            value={typeof value === "string" ? value : undefined}
            errors={errors}
          />
        </div>
      );
    case "yes_no":
      return (
        <div className="sm:col-span-2">
          <Choices
            question={question}
            options={[
              { value: "yes", label: t("yes") },
              { value: "no", label: t("no") },
            ]}
            value={value === true ? "yes" : value === false ? "no" : undefined}
            errors={errors}
          />
        </div>
      );
  }
}

/**
 * The questions of a visit's intake form, and the insurance section where the hospital asks for
 * it, as fields of the surrounding form (a grid of two columns on wider screens). Answers already
 * given fill them in; the server's objections show beside each field.
 */
export function IntakeFields({
  questions,
  insurance,
  answers = [],
  insuranceDetails = null,
  fieldErrors = {},
}: {
  questions: IntakeQuestion[];
  insurance: InsuranceMode;
  answers?: IntakeAnswer[];
  insuranceDetails?: InsuranceDetails | null;
  fieldErrors?: Record<string, string[]>;
}) {
  const t = useTranslations("Intake");
  const optionalText = t("optional").replace(/^\((.*)\)$/, "$1");
  const given = new Map(answers.map((a) => [a.questionId, a]));
  return (
    <>
      {questions.length > 0 && (
        <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
          <legend className="mb-2 text-base font-semibold text-slate-900">{t("beforeVisit")}</legend>
          {questions.map((q) => (
            <Question key={q.id} question={q} answer={given.get(q.id)} errors={fieldErrors[answerField(q.id)]} />
          ))}
        </fieldset>
      )}
      {insurance !== "off" && (
        <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
          <legend className="mb-2 text-base font-semibold text-slate-900">
            {t("insurance")}
            {insurance === "optional" && <span className="font-normal text-slate-600"> {t("optional")}</span>}
          </legend>
          {INSURANCE_FIELDS.map((name) => (
            <Field
              key={name}
              name={insuranceField(name)}
              label={t(name)}
              required={insurance === "required" && (name === "payer" || name === "memberId")}
              maxLength={INTAKE_LIMITS.insuranceField}
              defaultValue={insuranceDetails?.[name] ?? undefined}
              errors={fieldErrors[insuranceField(name)]}
              inputClassName={INPUT}
              optionalText={optionalText}
            />
          ))}
        </fieldset>
      )}
    </>
  );
}
