"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/actions/action-client";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import { CheckboxField, Field, FieldFrame, FormAlert, inputClass, primaryButton, secondaryButton } from "@/components/ui/form-field";
import type { AppointmentType } from "@/lib/db/schema";
import {
  INTAKE_KIND_LABELS,
  INTAKE_LIMITS,
  INTAKE_QUESTION_KINDS,
  type IntakeQuestion,
  type IntakeQuestionKind,
} from "@/lib/intake/questions";
import { intakeFormAction, saveIntakeFormAction } from "../actions";

type Row = { key: string; id?: string; kind: IntakeQuestionKind; label: string; help: string; required: boolean; choices: string };

const rowOf = (q: IntakeQuestion): Row => ({
  key: q.id,
  id: q.id,
  kind: q.kind,
  label: q.label,
  help: q.help ?? "",
  required: q.required,
  choices: q.choices.join("\n"),
});

let fresh = 0;
const newRow = (): Row => ({ key: `new-${++fresh}`, kind: "short_text", label: "", help: "", required: false, choices: "" });

const smallButton =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50";

/**
 * Builds an appointment type's intake form: questions of five kinds, each required or not, in the
 * order patients see them. Saving replaces the form; answers already given keep their words.
 */
export function IntakeFormEditor({ type, onDone }: { type: AppointmentType; onDone: (message: string) => void }) {
  const tenant = useTenant();
  const key = [...staffKeys.appointmentTypes(tenant.organization.id), "intake", type.id];
  const form = useQuery({ queryKey: key, queryFn: () => unwrap(intakeFormAction({ id: type.id })) });
  if (form.isPending) return <p className="text-sm text-slate-600">Loading the form…</p>;
  if (form.isError) return <FormAlert message={form.error.message} />;
  return <Editor type={type} initial={form.data.questions.map(rowOf)} queryKey={key} onDone={onDone} />;
}

function Editor({
  type,
  initial,
  queryKey,
  onDone,
}: {
  type: AppointmentType;
  initial: Row[];
  queryKey: readonly unknown[];
  onDone: (message: string) => void;
}) {
  const [rows, setRows] = useState<Row[]>(initial);
  const save = useActionMutation(saveIntakeFormAction, {
    invalidate: [queryKey as unknown[]],
    onSuccess: (saved) =>
      onDone(
        saved.questions.length
          ? `Intake form for “${type.name}” saved (${saved.questions.length} question${saved.questions.length === 1 ? "" : "s"}).`
          : `“${type.name}” no longer has an intake form.`,
      ),
  });
  const errors = save.errors.fieldErrors;
  const errorsOf = (i: number, field: string) => errors[`questions.${i}.${field}`];
  const shown = rows.flatMap((_, i) => ["label", "help", "kind", "choices", "required"].map((f) => `questions.${i}.${f}`));
  const update = (i: number, patch: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRows((all) => {
      const next = [...all];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          id: type.id,
          questions: rows.map((r) => ({
            ...(r.id ? { id: r.id } : {}),
            kind: r.kind,
            label: r.label,
            help: r.help,
            required: r.required,
            choices:
              r.kind === "choice"
                ? r.choices
                    .split("\n")
                    .map((c) => c.trim())
                    .filter(Boolean)
                : [],
          })),
        });
      }}
    >
      <p className="text-sm text-slate-600">
        Patients answer these when they book “{type.name}” online, or later from the link in their confirmation, until the visit starts.
        Clinicians see the answers with the appointment.
      </p>
      {rows.length === 0 && <p className="text-sm text-slate-600">No questions yet: visits of this type ask nothing.</p>}
      <ol className="flex flex-col gap-4">
        {rows.map((r, i) => (
          <li key={r.key}>
            <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
              <legend className="px-1 text-sm font-semibold text-slate-700">Question {i + 1}</legend>
              <Field
                label="Question"
                required
                maxLength={INTAKE_LIMITS.label}
                value={r.label}
                onChange={(label) => update(i, { label })}
                errors={errorsOf(i, "label")}
                className="sm:col-span-2"
              />
              <FieldFrame label="Answer type" errors={errorsOf(i, "kind")}>
                {(control) => (
                  <select
                    {...control}
                    value={r.kind}
                    onChange={(e) => update(i, { kind: e.target.value as IntakeQuestionKind })}
                    className={inputClass}
                  >
                    {INTAKE_QUESTION_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {INTAKE_KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                )}
              </FieldFrame>
              <Field
                label="Help text"
                maxLength={INTAKE_LIMITS.help}
                value={r.help}
                onChange={(help) => update(i, { help })}
                errors={errorsOf(i, "help")}
                className="sm:col-span-3"
              />
              {r.kind === "choice" && (
                <FieldFrame label="Choices, one per line" errors={errorsOf(i, "choices")} className="sm:col-span-3">
                  {(control) => (
                    <textarea
                      {...control}
                      rows={3}
                      value={r.choices}
                      onChange={(e) => update(i, { choices: e.target.value })}
                      className={inputClass}
                    />
                  )}
                </FieldFrame>
              )}
              <div className="sm:col-span-3">
                <CheckboxField
                  label="Required"
                  checked={r.required}
                  onCheckedChange={(required) => update(i, { required })}
                  errors={errorsOf(i, "required")}
                />
              </div>
              <div className="flex flex-wrap gap-2 sm:col-span-3">
                <button type="button" className={smallButton} disabled={i === 0} onClick={() => move(i, -1)}>
                  Move up<span className="sr-only"> question {i + 1}</span>
                </button>
                <button type="button" className={smallButton} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                  Move down<span className="sr-only"> question {i + 1}</span>
                </button>
                <button
                  type="button"
                  className={`${smallButton} text-red-700`}
                  onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
                >
                  Remove<span className="sr-only"> question {i + 1}</span>
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div>
        <button
          type="button"
          className={secondaryButton}
          disabled={rows.length >= INTAKE_LIMITS.questions}
          onClick={() => setRows((all) => [...all, newRow()])}
        >
          Add question
        </button>
      </div>
      <FormAlert message={save.errors.formError} fieldErrors={errors} shownFields={shown} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={primaryButton} disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save intake form"}
        </button>
        <button type="button" className={secondaryButton} onClick={() => onDone("")}>
          Cancel
        </button>
      </div>
    </form>
  );
}
