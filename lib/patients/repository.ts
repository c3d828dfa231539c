import "server-only";
import { and, asc, desc, eq, ilike, inArray, like, ne, or, sql, type SQL } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { appointments, patients, waitlistEntries, type NewPatient, type Patient } from "@/lib/db/schema";
import type { PatientLanguage } from "@/lib/db/schema/enum-values";
import type { PatientRecordStatus } from "@/lib/db/schema/patients";
import { NotFoundError } from "@/lib/errors/app-error";

export type PatientInput = Omit<NewPatient, "organizationId" | "id" | "createdAt" | "updatedAt">;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function patientsRepo(tx: TenantTx, orgId: string) {
  const inOrg = eq(patients.organizationId, orgId);

  return {
    /**
     * Search by name prefix ("smi", "smith jo", "jo smith"), exact MRN, e-mail, phone digits or
     * date of birth (YYYY-MM-DD). Keyset-paginated on (last name, first name, id).
     */
    async search({
      query,
      limit = 25,
      after,
    }: {
      query?: string;
      limit?: number;
      after?: { lastName: string; firstName: string; id: string };
    } = {}): Promise<Patient[]> {
      // A record folded into another is history: it is found through the one it was merged into.
      const filters: (SQL | undefined)[] = [inOrg, ne(patients.recordStatus, "merged")];
      const q = query?.trim() ?? "";
      if (q) {
        if (ISO_DATE.test(q)) {
          filters.push(eq(patients.dateOfBirth, q));
        } else if (q.includes("@")) {
          filters.push(eq(patients.email, q.toLowerCase()));
        } else {
          const words = q
            .toLowerCase()
            .split(/[\s,]+/)
            .filter(Boolean)
            .slice(0, 3);
          const lower = (col: typeof patients.lastName | typeof patients.firstName) => sql`lower(${col})`;
          const nameMatch =
            words.length >= 2
              ? or(
                  and(
                    like(lower(patients.lastName), `${escapeLike(words[0]!)}%`),
                    like(lower(patients.firstName), `${escapeLike(words[1]!)}%`),
                  ),
                  and(
                    like(lower(patients.firstName), `${escapeLike(words[0]!)}%`),
                    like(lower(patients.lastName), `${escapeLike(words[1]!)}%`),
                  ),
                )
              : or(
                  like(lower(patients.lastName), `${escapeLike(words[0]!)}%`),
                  like(lower(patients.firstName), `${escapeLike(words[0]!)}%`),
                );
          const digits = q.replace(/\D/g, "");
          filters.push(
            or(
              nameMatch,
              eq(patients.mrn, q),
              ilike(patients.mrn, escapeLike(q)),
              digits.length >= 4 ? like(sql`regexp_replace(${patients.phone}, '\\D', '', 'g')`, `%${digits}%`) : undefined,
            ),
          );
        }
      }
      if (after) {
        filters.push(
          sql`(${patients.lastName}, ${patients.firstName}, ${patients.id}) > (${after.lastName}, ${after.firstName}, ${after.id})`,
        );
      }
      return tx
        .select()
        .from(patients)
        .where(and(...filters))
        .orderBy(asc(patients.lastName), asc(patients.firstName), asc(patients.id))
        .limit(limit);
    },

    async find({ id }: { id: string }): Promise<Patient | undefined> {
      const [row] = await tx
        .select()
        .from(patients)
        .where(and(inOrg, eq(patients.id, id)));
      return row;
    },

    async get({ id }: { id: string }): Promise<Patient> {
      const row = await this.find({ id });
      if (!row) throw new NotFoundError("patient");
      return row;
    },

    /** The hospital's own (active) record with this e-mail, if any. */
    async findActiveByEmail({ email }: { email: string }): Promise<Patient | undefined> {
      const [row] = await tx
        .select()
        .from(patients)
        .where(and(inOrg, eq(patients.email, email.toLowerCase()), eq(patients.recordStatus, "active")));
      return row;
    },

    /** Records staff still have to reconcile (unverified online contacts and proven ones that clash), newest first. */
    async listToReconcile({ limit = 200 }: { limit?: number } = {}): Promise<Patient[]> {
      return tx
        .select()
        .from(patients)
        .where(and(inOrg, inArray(patients.recordStatus, ["unverified", "review"])))
        .orderBy(desc(patients.createdAt), asc(patients.id))
        .limit(limit);
    },

    async countToReconcile(): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(patients)
        .where(and(inOrg, inArray(patients.recordStatus, ["unverified", "review"])));
      return row?.n ?? 0;
    },

    async lock({ id }: { id: string }): Promise<Patient | undefined> {
      const [row] = await tx
        .select()
        .from(patients)
        .where(and(inOrg, eq(patients.id, id)))
        .for("update");
      return row;
    },

    async setRecordStatus({ id, status, mergedIntoId = null }: { id: string; status: PatientRecordStatus; mergedIntoId?: string | null }) {
      const [row] = await tx
        .update(patients)
        .set({ recordStatus: status, mergedIntoId, updatedAt: new Date() })
        .where(and(inOrg, eq(patients.id, id)))
        .returning();
      if (!row) throw new NotFoundError("patient");
      return row;
    },

    /** The language the patient's e-mails and texts are written in. */
    async setPreferredLanguage({ id, language }: { id: string; language: PatientLanguage }): Promise<void> {
      await tx
        .update(patients)
        .set({ preferredLanguage: language, updatedAt: new Date() })
        .where(and(inOrg, eq(patients.id, id)));
    },

    /** Moves a record's appointments and waiting-list entries to another record of this hospital; returns how many. */
    async moveBookings({ fromId, toId }: { fromId: string; toId: string }): Promise<{ appointments: number; waitlist: number }> {
      const moved = await tx
        .update(appointments)
        .set({ patientId: toId, updatedAt: new Date() })
        .where(and(eq(appointments.organizationId, orgId), eq(appointments.patientId, fromId)))
        .returning({ id: appointments.id });
      const entries = await tx
        .update(waitlistEntries)
        .set({ patientId: toId })
        .where(and(eq(waitlistEntries.organizationId, orgId), eq(waitlistEntries.patientId, fromId)))
        .returning({ id: waitlistEntries.id });
      return { appointments: moved.length, waitlist: entries.length };
    },

    async create({ input }: { input: PatientInput }): Promise<Patient> {
      const [row] = await tx
        .insert(patients)
        .values({ ...input, email: input.email?.toLowerCase() ?? null, organizationId: orgId })
        .returning();
      return row!;
    },

    async update({ id, patch }: { id: string; patch: Partial<PatientInput> }): Promise<Patient> {
      const values = { ...patch, updatedAt: new Date() };
      if (patch.email !== undefined) values.email = patch.email?.toLowerCase() ?? null;
      const [row] = await tx
        .update(patients)
        .set(values)
        .where(and(inOrg, eq(patients.id, id)))
        .returning();
      if (!row) throw new NotFoundError("patient");
      return row;
    },

    async count(): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(patients)
        .where(inOrg);
      return row?.n ?? 0;
    },
  };
}
