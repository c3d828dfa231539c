import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/app-error";
import { cardImageProblem, cardImageType } from "./card-image";
import type { IntakeQuestion } from "./questions";
import { checkIntake, intakeFormSchema, normalizeQuestions } from "./schemas";

const q = (kind: IntakeQuestion["kind"], extra: Partial<IntakeQuestion> = {}): IntakeQuestion => ({
  id: crypto.randomUUID(),
  kind,
  label: `A ${kind} question`,
  help: null,
  required: false,
  choices: [],
  ...extra,
});

function fieldErrors(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.fieldErrors ?? {};
    throw err;
  }
  throw new Error("expected a ValidationError");
}

describe("checkIntake", () => {
  const text = q("short_text", { required: true });
  const yes = q("yes_no", { required: true });
  const pick = q("choice", { choices: ["Mild", "Severe"] });
  const day = q("date");
  const long = q("long_text");
  const form = [text, yes, pick, day, long];

  it("keeps every question's words and a typed value, in the form's order", () => {
    const { answers, insurance } = checkIntake(form, "off", {
      answers: { [long.id]: "a\nb", [day.id]: "2026-02-28", [pick.id]: "Severe", [yes.id]: "No", [text.id]: "  Cough  " },
    });
    expect(answers.map((a) => [a.label, a.value])).toEqual([
      [text.label, "Cough"],
      [yes.label, false],
      [pick.label, "Severe"],
      [day.label, "2026-02-28"],
      [long.label, "a\nb"],
    ]);
    expect(insurance).toBeNull();
  });

  it("a required yes/no counts when answered no; empty optional answers are null", () => {
    const { answers } = checkIntake(form, "off", { answers: { [text.id]: "x", [yes.id]: false, [pick.id]: "", [day.id]: null } });
    expect(answers.map((a) => a.value)).toEqual(["x", false, null, null, null]);
  });

  it("names each wrong or missing answer by its field", () => {
    const errors = fieldErrors(() =>
      checkIntake(form, "off", {
        answers: { [yes.id]: "maybe", [pick.id]: "mild", [day.id]: "2026-02-30", [long.id]: "tab\there" },
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [`intake.${day.id}`, `intake.${long.id}`, `intake.${pick.id}`, `intake.${text.id}`, `intake.${yes.id}`].sort(),
    );
    expect(errors[`intake.${text.id}`]).toEqual(["Please answer this question."]);
  });

  it("refuses a line break in a short answer and text over the limit", () => {
    expect(Object.keys(fieldErrors(() => checkIntake([text], "off", { answers: { [text.id]: "a\r\nBcc: b" } })))).toEqual([
      `intake.${text.id}`,
    ]);
    expect(Object.keys(fieldErrors(() => checkIntake([text], "off", { answers: { [text.id]: "x".repeat(201) } })))).toEqual([
      `intake.${text.id}`,
    ]);
  });

  it("ignores answers to questions that are no longer on the form", () => {
    const { answers } = checkIntake([long], "off", { answers: { [crypto.randomUUID()]: "stray", [long.id]: "kept" } });
    expect(answers).toHaveLength(1);
  });

  it("insurance: ignored when off; optional needs the payer and member ID once anything is given; required always", () => {
    expect(checkIntake([], "off", { answers: {}, insurance: { payer: "Aetna" } }).insurance).toBeNull();
    expect(checkIntake([], "optional", { answers: {} }).insurance).toBeNull();
    expect(Object.keys(fieldErrors(() => checkIntake([], "optional", { answers: {}, insurance: { groupNumber: "G1" } })))).toEqual([
      "insurance.payer",
      "insurance.memberId",
    ]);
    expect(Object.keys(fieldErrors(() => checkIntake([], "required", { answers: {} })))).toEqual(["insurance.payer", "insurance.memberId"]);
    expect(checkIntake([], "required", { answers: {}, insurance: { payer: "Aetna", memberId: "W1" } }).insurance).toEqual({
      payer: "Aetna",
      memberId: "W1",
      groupNumber: null,
      holderName: null,
    });
  });
});

describe("the form staff save", () => {
  it("gives new questions ids, keeps sent ones, and drops choices from questions that are not choices", () => {
    const kept = crypto.randomUUID();
    const parsed = intakeFormSchema.parse({
      questions: [
        { id: kept, kind: "short_text", label: "Name?", choices: ["x", "y"] },
        { kind: "choice", label: "Pick", choices: ["A", "B"], required: "on" },
      ],
    });
    const questions = normalizeQuestions(parsed.questions, () => "new-id");
    expect(questions).toEqual([
      { id: kept, kind: "short_text", label: "Name?", help: null, required: false, choices: [] },
      { id: "new-id", kind: "choice", label: "Pick", help: null, required: true, choices: ["A", "B"] },
    ]);
  });

  it("refuses a choice question with fewer than two different choices and repeated ids", () => {
    const id = crypto.randomUUID();
    const result = intakeFormSchema.safeParse({
      questions: [
        { id, kind: "choice", label: "Pick", choices: ["Same", "same"] },
        { id, kind: "yes_no", label: "Again" },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["questions.0.choices", "questions"]));
  });
});

describe("card photos", () => {
  it("knows JPEG, PNG and WebP by their bytes, whatever the name says", () => {
    expect(cardImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe("image/jpeg");
    expect(cardImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(cardImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(cardImageType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
    expect(cardImageType(new TextEncoder().encode("GIF89a"))).toBeNull();
  });

  it("refuses an empty photo and one over 2 MB", () => {
    expect(cardImageProblem(new Uint8Array())).toMatch(/Choose a photo/);
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(cardImageProblem(big)).toMatch(/at most 2 MB/);
    expect(cardImageProblem(big.subarray(0, 1000))).toBeNull();
  });
});
