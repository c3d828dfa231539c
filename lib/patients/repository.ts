import "server-only";
import { and, asc, eq, ilike, like, or, sql, type SQL } from "drizzle-orm";
import type { TenantTx } from "@/lib/db/tenant";
import { patients, type NewPatient, type Patient } from "@/lib/db/schema";
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
      const filters: (SQL | undefined)[] = [inOrg];
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

    /** Online booking: an existing patient is matched by e-mail and date of birth, in this hospital. */
    async findByEmailAndDob({ email, dateOfBirth }: { email: string; dateOfBirth: string }): Promise<Patient | undefined> {
      const [row] = await tx
        .select()
        .from(patients)
        .where(and(inOrg, eq(patients.email, email.toLowerCase()), eq(patients.dateOfBirth, dateOfBirth)));
      return row;
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
