"use client";

import { answerText, type AppointmentIntakeView } from "@/lib/intake/questions";

/**
 * What the patient answered before the visit, for the clinician: each question with its answer,
 * the insurance details, and whether a card photo came with them (`card` shows it on demand).
 */
export function IntakeAnswers({ intake, card }: { intake: AppointmentIntakeView; card?: React.ReactNode }) {
  const asks = intake.questions.length > 0 || intake.insurance !== "off";
  if (!asks && !intake.response) return null;
  const response = intake.response;
  return (
    <section aria-labelledby="intake-answers" className="rounded-md border border-slate-200 p-3">
      <h3 id="intake-answers" className="font-medium">
        Intake
      </h3>
      {!response ? (
        <p className="mt-1 text-slate-600">Not filled in yet.</p>
      ) : (
        <>
          <p className="text-xs text-slate-500">
            {response.submittedBy === "patient" ? "Given by the patient" : "Entered by staff"}, last changed{" "}
            {new Date(response.updatedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}
          </p>
          <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-2">
            {response.answers.map((a) => (
              <div key={a.questionId} className="contents">
                <dt className="text-slate-500">{a.label}</dt>
                <dd className="col-span-2 whitespace-pre-wrap">{answerText(a)}</dd>
              </div>
            ))}
            {response.insurance && (
              <div className="contents">
                <dt className="text-slate-500">Insurance</dt>
                <dd className="col-span-2">
                  {response.insurance.payer}
                  <span className="block text-xs text-slate-500">
                    Member ID {response.insurance.memberId}
                    {response.insurance.groupNumber ? ` · group ${response.insurance.groupNumber}` : ""}
                    {response.insurance.holderName ? ` · holder ${response.insurance.holderName}` : ""}
                  </span>
                </dd>
              </div>
            )}
          </dl>
          {response.hasCard && card}
        </>
      )}
    </section>
  );
}
