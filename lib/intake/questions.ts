// What an intake form is made of, shared by the server (validation, storage) and the screens that
// build and fill it. Plain data only: no validation library, so client bundles stay small.

import type { InsuranceDetails, IntakeAnswer, IntakeQuestion, IntakeQuestionKind, InsuranceMode } from "@/lib/db/schema/intake-values";

export {
  CARD_IMAGE_TYPES,
  INSURANCE_MODES,
  INTAKE_QUESTION_KINDS,
  type CardImageType,
  type InsuranceDetails,
  type InsuranceMode,
  type IntakeAnswer,
  type IntakeQuestion,
  type IntakeQuestionKind,
} from "@/lib/db/schema/intake-values";

export const INTAKE_KIND_LABELS: Record<IntakeQuestionKind, string> = {
  short_text: "Short text",
  long_text: "Long text",
  choice: "Choice",
  yes_no: "Yes / no",
  date: "Date",
};

export const INSURANCE_MODE_LABELS: Record<InsuranceMode, string> = {
  off: "Not asked",
  optional: "Asked, optional",
  required: "Asked, required",
};

export const INTAKE_LIMITS = {
  questions: 30,
  label: 200,
  help: 300,
  choices: 20,
  choice: 100,
  shortText: 200,
  longText: 4000,
  insuranceField: 100,
  /** The insurance card photo: JPEG, PNG or WebP up to this many bytes. */
  cardBytes: 2 * 1024 * 1024,
} as const;

/** The form field name an answer travels under (in forms and in field errors). */
export const answerField = (questionId: string) => `intake.${questionId}`;
export const INSURANCE_FIELDS = ["payer", "memberId", "groupNumber", "holderName"] as const;
export const insuranceField = (name: (typeof INSURANCE_FIELDS)[number]) => `insurance.${name}`;

/** How an answer reads to staff. */
export function answerText(answer: IntakeAnswer): string {
  if (answer.value === null || answer.value === "") return "—";
  if (answer.kind === "yes_no") return answer.value ? "Yes" : "No";
  return String(answer.value);
}

/** An appointment's intake as the staff screens receive it (dates may arrive as strings). */
export type AppointmentIntakeView = {
  questions: IntakeQuestion[];
  insurance: InsuranceMode;
  response: {
    answers: IntakeAnswer[];
    insurance: InsuranceDetails | null;
    hasCard: boolean;
    submittedBy: "patient" | "staff";
    updatedAt: Date | string;
  } | null;
};
