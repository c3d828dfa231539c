import { z } from "zod";
import { ValidationError } from "@/lib/errors/app-error";
import { isValidDate } from "@/lib/time/calendar";
import { formBoolean, multiLine, optionalSingleLine, singleLine } from "@/lib/validation/fields";
import {
  INSURANCE_MODES,
  INTAKE_LIMITS,
  INTAKE_QUESTION_KINDS,
  answerField,
  insuranceField,
  type InsuranceDetails,
  type InsuranceMode,
  type IntakeAnswer,
  type IntakeQuestion,
} from "./questions";

// What staff may put in a form, and what a patient's answers must be: checked here, on the server,
// whatever the browser already checked.

const questionSchema = z
  .object({
    /** Kept when editing an existing question; new questions get one. */
    id: z.uuid("A question id must be a UUID.").optional(),
    kind: z.enum(INTAKE_QUESTION_KINDS, "Choose short text, long text, choice, yes/no or date."),
    label: singleLine(INTAKE_LIMITS.label).min(1, "Enter the question."),
    help: optionalSingleLine(INTAKE_LIMITS.help),
    required: formBoolean.optional(),
    choices: z
      .array(singleLine(INTAKE_LIMITS.choice).min(1, "A choice cannot be empty."))
      .max(INTAKE_LIMITS.choices, `Offer at most ${INTAKE_LIMITS.choices} choices.`)
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.kind !== "choice") return;
    const choices = q.choices ?? [];
    if (choices.length < 2) ctx.addIssue({ code: "custom", path: ["choices"], message: "A choice question needs at least two choices." });
    if (new Set(choices.map((c) => c.toLowerCase())).size !== choices.length)
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Each choice must be different." });
  });

/** An appointment type's whole form, replacing what was there. */
export const intakeFormSchema = z
  .object({
    questions: z.array(questionSchema).max(INTAKE_LIMITS.questions, `A form can have at most ${INTAKE_LIMITS.questions} questions.`),
  })
  .superRefine((form, ctx) => {
    const ids = form.questions.map((q) => q.id).filter(Boolean);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["questions"], message: "Two questions have the same id." });
  });

export const intakeSettingsSchema = z.object({
  insurance: z.enum(INSURANCE_MODES, "Choose off, optional or required."),
});

const answerValue = z.union([z.string().max(INTAKE_LIMITS.longText + 100, "That answer is too long."), z.boolean(), z.null()]);

/**
 * Answers as they arrive (from the booking page, the manage link, staff or the API): by question
 * id. Their meaning is checked against the form by `checkIntake`.
 */
export const intakeSubmissionSchema = z.object({
  answers: z.record(z.uuid("Answers are keyed by question id."), answerValue).default({}),
  insurance: z
    .object({
      payer: optionalSingleLine(INTAKE_LIMITS.insuranceField),
      memberId: optionalSingleLine(INTAKE_LIMITS.insuranceField),
      groupNumber: optionalSingleLine(INTAKE_LIMITS.insuranceField),
      holderName: optionalSingleLine(INTAKE_LIMITS.insuranceField),
    })
    .nullable()
    .optional(),
});
export type IntakeSubmission = z.infer<typeof intakeSubmissionSchema>;

/** A form as staff saved it: every question with an id and its choices only where they belong. */
export function normalizeQuestions(input: z.infer<typeof intakeFormSchema>["questions"], newId: () => string): IntakeQuestion[] {
  return input.map((q) => ({
    id: q.id ?? newId(),
    kind: q.kind,
    label: q.label,
    help: q.help ?? null,
    required: q.required ?? false,
    choices: q.kind === "choice" ? (q.choices ?? []) : [],
  }));
}

const YES = new Set(["yes", "true", "on"]);
const NO = new Set(["no", "false", "off"]);

function answerOf(question: IntakeQuestion, raw: string | boolean | null | undefined): { value: string | boolean | null; error?: string } {
  if (raw === undefined || raw === null || raw === "") return { value: null };
  switch (question.kind) {
    case "yes_no": {
      if (typeof raw === "boolean") return { value: raw };
      const word = raw.trim().toLowerCase();
      if (YES.has(word)) return { value: true };
      if (NO.has(word)) return { value: false };
      return { value: null, error: "Answer yes or no." };
    }
    case "choice": {
      if (typeof raw !== "string") return { value: null, error: "Choose one of the options." };
      const choice = question.choices.find((c) => c === raw.trim());
      return choice ? { value: choice } : { value: null, error: "Choose one of the options." };
    }
    case "date": {
      if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) || !isValidDate(raw.trim()))
        return { value: null, error: "Enter a real date." };
      return { value: raw.trim() };
    }
    case "short_text":
    case "long_text": {
      if (typeof raw !== "string") return { value: null, error: "Enter text." };
      const parsed = (question.kind === "short_text" ? singleLine(INTAKE_LIMITS.shortText) : multiLine(INTAKE_LIMITS.longText)).safeParse(
        raw,
      );
      if (!parsed.success) return { value: null, error: parsed.error.issues[0]?.message ?? "Check this answer." };
      return { value: parsed.data === "" ? null : parsed.data };
    }
  }
}

/**
 * The answers to store for a form, or a ValidationError naming each field to fix (`intake.<id>`,
 * `insurance.<field>`). Answers to questions no longer on the form are dropped; required ones
 * must be answered (a yes/no counts when it is either).
 */
export function checkIntake(
  questions: IntakeQuestion[],
  insuranceMode: InsuranceMode,
  submission: IntakeSubmission,
): { answers: IntakeAnswer[]; insurance: InsuranceDetails | null } {
  const errors: Record<string, string[]> = {};
  const answers: IntakeAnswer[] = [];
  for (const question of questions) {
    const { value, error } = answerOf(question, submission.answers[question.id]);
    if (error) errors[answerField(question.id)] = [error];
    else if (question.required && value === null) errors[answerField(question.id)] = ["Please answer this question."];
    answers.push({ questionId: question.id, label: question.label, kind: question.kind, value });
  }
  let insurance: InsuranceDetails | null = null;
  if (insuranceMode !== "off") {
    const given = submission.insurance ?? null;
    const any = given && Object.values(given).some((v) => v);
    if (any || insuranceMode === "required") {
      if (!given?.payer) errors[insuranceField("payer")] = ["Enter your insurance company."];
      if (!given?.memberId) errors[insuranceField("memberId")] = ["Enter your member ID."];
      insurance = {
        payer: given?.payer ?? "",
        memberId: given?.memberId ?? "",
        groupNumber: given?.groupNumber ?? null,
        holderName: given?.holderName ?? null,
      };
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("Please correct the highlighted fields.", errors);
  return { answers, insurance };
}

/** A card photo sent as JSON: the file's bytes in base64 (JPEG, PNG or WebP, at most 2 MB). */
export const cardUploadSchema = z.object({
  image: z
    .string()
    .max(Math.ceil((INTAKE_LIMITS.cardBytes * 4) / 3) + 8, "The photo is too large: use one of at most 2 MB.")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "Send the photo's bytes in base64."),
});
/** The JSON body limit for a card upload: the base64 photo and a little room. */
export const CARD_UPLOAD_BODY_BYTES = Math.ceil((INTAKE_LIMITS.cardBytes * 4) / 3) + 1024;
