// Plain values and types of intake forms, shared by the schema, the server and the screens (no
// database or validation library here, so client bundles can import it).

export const INTAKE_QUESTION_KINDS = ["short_text", "long_text", "choice", "yes_no", "date"] as const;
export type IntakeQuestionKind = (typeof INTAKE_QUESTION_KINDS)[number];

/** One question of an appointment type's form. `choices` only for kind "choice". */
export type IntakeQuestion = {
  id: string;
  kind: IntakeQuestionKind;
  label: string;
  help: string | null;
  required: boolean;
  choices: string[];
};

/** Whether every booking asks for the patient's insurance: not at all, optionally, or always. */
export const INSURANCE_MODES = ["off", "optional", "required"] as const;
export type InsuranceMode = (typeof INSURANCE_MODES)[number];

export type InsuranceDetails = { payer: string; memberId: string; groupNumber: string | null; holderName: string | null };

/** An answer as stored: the question's words at the time, so later edits of the form keep its meaning. */
export type IntakeAnswer = { questionId: string; label: string; kind: IntakeQuestionKind; value: string | boolean | null };

export const CARD_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type CardImageType = (typeof CARD_IMAGE_TYPES)[number];
