import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { intakeForms, intakeResponses, type IntakeForm } from "@/lib/db/schema";
import type { CardImageType, InsuranceDetails, IntakeAnswer, IntakeQuestion } from "@/lib/db/schema/intake-values";

/** An appointment's answers without the card photo's bytes (only whether there is one). */
export type StoredIntake = {
  appointmentId: string;
  answers: IntakeAnswer[];
  insurance: InsuranceDetails | null;
  cardImageType: CardImageType | null;
  submittedBy: "patient" | "staff";
  createdAt: Date;
  updatedAt: Date;
};

export function intakeFormsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(intakeForms.organizationId, orgId);
  return {
    async get({ appointmentTypeId }: { appointmentTypeId: string }): Promise<IntakeForm | undefined> {
      const [row] = await tx
        .select()
        .from(intakeForms)
        .where(and(inOrg, eq(intakeForms.appointmentTypeId, appointmentTypeId)));
      return row;
    },
    /** How many questions each type's form has (types without a form are absent). */
    async questionCounts(): Promise<Map<string, number>> {
      const rows = await tx
        .select({ typeId: intakeForms.appointmentTypeId, n: sql<number>`jsonb_array_length(${intakeForms.questions})::int` })
        .from(intakeForms)
        .where(inOrg);
      return new Map(rows.map((r) => [r.typeId, r.n]));
    },
    async put({ appointmentTypeId, questions }: { appointmentTypeId: string; questions: IntakeQuestion[] }): Promise<IntakeForm> {
      const [row] = await tx
        .insert(intakeForms)
        .values({ organizationId: orgId, appointmentTypeId, questions })
        .onConflictDoUpdate({
          target: [intakeForms.organizationId, intakeForms.appointmentTypeId],
          set: { questions, version: sql`${intakeForms.version} + 1`, updatedAt: new Date() },
        })
        .returning();
      return row!;
    },
  };
}

export function intakeResponsesRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(intakeResponses.organizationId, orgId);
  const columns = {
    appointmentId: intakeResponses.appointmentId,
    answers: intakeResponses.answers,
    insurance: intakeResponses.insurance,
    cardImageType: intakeResponses.cardImageType,
    submittedBy: intakeResponses.submittedBy,
    createdAt: intakeResponses.createdAt,
    updatedAt: intakeResponses.updatedAt,
  };
  return {
    async get({ appointmentId }: { appointmentId: string }): Promise<StoredIntake | undefined> {
      const [row] = await tx
        .select(columns)
        .from(intakeResponses)
        .where(and(inOrg, eq(intakeResponses.appointmentId, appointmentId)));
      return row;
    },
    /** Writes the answers (and insurance), keeping a card photo already given. */
    async put(input: {
      appointmentId: string;
      answers: IntakeAnswer[];
      insurance: InsuranceDetails | null;
      submittedBy: "patient" | "staff";
    }): Promise<{ created: boolean; row: StoredIntake }> {
      const now = new Date();
      const [row] = await tx
        .insert(intakeResponses)
        .values({ organizationId: orgId, ...input })
        .onConflictDoUpdate({
          target: [intakeResponses.organizationId, intakeResponses.appointmentId],
          set: { answers: input.answers, insurance: input.insurance, submittedBy: input.submittedBy, updatedAt: now },
        })
        .returning({ ...columns, created: sql<boolean>`(xmax = 0)` });
      const { created, ...stored } = row!;
      return { created, row: stored };
    },
    /** Sets (or, with null, removes) the card photo of an existing answer row; false if there is none. */
    async setCard({ appointmentId, image }: { appointmentId: string; image: { bytes: Buffer; type: CardImageType } | null }) {
      const rows = await tx
        .update(intakeResponses)
        .set({ cardImage: image?.bytes ?? null, cardImageType: image?.type ?? null, updatedAt: new Date() })
        .where(and(inOrg, eq(intakeResponses.appointmentId, appointmentId)))
        .returning({ appointmentId: intakeResponses.appointmentId });
      return rows.length > 0;
    },
    async card({ appointmentId }: { appointmentId: string }): Promise<{ bytes: Buffer; type: CardImageType } | undefined> {
      const [row] = await tx
        .select({ bytes: intakeResponses.cardImage, type: intakeResponses.cardImageType })
        .from(intakeResponses)
        .where(and(inOrg, eq(intakeResponses.appointmentId, appointmentId)));
      return row?.bytes && row.type ? { bytes: row.bytes, type: row.type } : undefined;
    },
  };
}
