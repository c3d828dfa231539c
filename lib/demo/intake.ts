import "server-only";
import crypto from "node:crypto";
import { appointmentTypesRepo } from "@/lib/appointment-types/repository";
import { auditRepo } from "@/lib/audit/repository";
import { withTenant } from "@/lib/db/tenant";
import type { IntakeQuestion } from "@/lib/intake/questions";
import { checkIntake } from "@/lib/intake/schemas";
import { intakeFormsRepo, intakeResponsesRepo } from "@/lib/intake/repository";
import { organizationRepo } from "@/lib/organizations/repository";
import { appointmentsRepo } from "@/lib/scheduling/appointments-repository";
import type { DemoOrg } from "./data";

const SYSTEM = { type: "system" as const, role: "seed" };
const SEED_REQUEST = { requestId: "seed" };

/** Demo answers to a question, by kind: what a patient might plausibly have said. */
function demoAnswer(q: IntakeQuestion, i: number): string | boolean | null {
  switch (q.kind) {
    case "yes_no":
      return i % 2 === 0;
    case "choice":
      return q.choices[i % q.choices.length] ?? null;
    case "date":
      return `2026-0${(i % 9) + 1}-1${i % 9}`;
    case "short_text":
      return ["Recurring headaches", "Annual check-up", "Shortness of breath on stairs"][i % 3]!;
    case "long_text":
      return i % 2 === 0 ? "Penicillin makes me break out in hives." : null;
  }
}

/**
 * The demo's intake forms and insurance setting, once; then answers (with insurance details) on
 * the first few upcoming visits of a type with a form, so clinicians see what patients sent.
 */
export async function ensureIntake(orgId: string, demo: DemoOrg): Promise<void> {
  if (!demo.intake) return;
  const intake = demo.intake;
  await withTenant(orgId, async (tx) => {
    const forms = intakeFormsRepo(tx, orgId);
    if ((await forms.questionCounts()).size > 0) return;
    await organizationRepo(tx, orgId).updateSettings({ patch: { insuranceIntake: intake.insurance } });
    const types = await appointmentTypesRepo(tx, orgId).list();
    const appointments = appointmentsRepo(tx, orgId);
    const responses = intakeResponsesRepo(tx, orgId);
    const audit = auditRepo(tx, orgId);
    for (const [typeName, questions] of Object.entries(intake.forms)) {
      const type = types.find((t) => t.name === typeName);
      if (!type) continue;
      const form = await forms.put({
        appointmentTypeId: type.id,
        questions: questions.map((q) => ({ ...q, id: crypto.randomUUID() })),
      });
      const upcoming = (await appointments.list({ from: new Date(), status: ["scheduled", "confirmed"], limit: 200 }))
        .filter((a) => a.appointmentTypeId === type.id)
        .slice(0, intake.answered);
      for (const [i, appointment] of upcoming.entries()) {
        const answers = Object.fromEntries(form.questions.map((q) => [q.id, demoAnswer(q, i)]));
        const insurance =
          intake.insurance === "off"
            ? null
            : { payer: ["Aetna", "Blue Cross", "UnitedHealthcare"][i % 3]!, memberId: `W${100200300 + i}`, groupNumber: `G-${40 + i}` };
        const checked = checkIntake(form.questions, intake.insurance, { answers, insurance });
        await responses.put({ appointmentId: appointment.id, ...checked, submittedBy: "patient" });
        await audit.record({
          actor: SYSTEM,
          action: "create",
          resourceType: "intake",
          resourceId: appointment.id,
          patientId: appointment.patientId,
          request: SEED_REQUEST,
        });
      }
    }
  });
}
