// Per-hospital uniqueness: the same patient e-mail / MRN and provider e-mail / licence work at two
// hospitals; twice at one hospital is a ConflictError that names what clashed.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError } from "@/lib/errors/app-error";
import { patientsRepo, type PatientInput } from "@/lib/patients/repository";
import { providersRepo, type ProviderInput } from "@/lib/providers/repository";
import { asOwner } from "./support/owner";
import { createOrganization, expectPgCode, rejection } from "./support/fixtures";

let orgA: string;
let orgB: string;

beforeAll(async () => {
  orgA = (await createOrganization("uniq-a")).id;
  orgB = (await createOrganization("uniq-b")).id;
});

const tag = () => crypto.randomBytes(4).toString("hex");

function patient(overrides: Partial<PatientInput> = {}): PatientInput {
  const t = tag();
  return {
    mrn: `MRN-${t}`,
    firstName: "Ada",
    lastName: `Lovelace${t}`,
    dateOfBirth: "1985-12-10",
    email: `ada-${t}@mail.test`,
    ...overrides,
  };
}

function provider(overrides: Partial<ProviderInput> = {}): ProviderInput {
  const t = tag();
  return { name: `Dr. ${t}`, licenseNumber: `LIC-${t}`, email: `dr-${t}@clinic.test`, ...overrides };
}

const createPatient = (orgId: string, input: PatientInput) => withTenant(orgId, (tx) => patientsRepo(tx, orgId).create({ input }));
const createProvider = (orgId: string, input: ProviderInput) => withTenant(orgId, (tx) => providersRepo(tx, orgId).create({ input }));

async function expectConflict(p: Promise<unknown>, conflict: string, names: RegExp) {
  const err = await rejection(p);
  expect(err).toBeInstanceOf(ConflictError);
  expect((err as ConflictError).conflict).toBe(conflict);
  expect((err as ConflictError).code).toBe(`conflict:${conflict}`);
  expect((err as ConflictError).status).toBe(409);
  expect((err as ConflictError).message).toMatch(names);
}

describe("the same identifiers at two hospitals", () => {
  it("a patient e-mail and MRN can exist at both", async () => {
    const shared = { mrn: `MRN-${tag()}`, email: `shared-${tag()}@mail.test` };
    const a = await createPatient(orgA, patient(shared));
    const b = await createPatient(orgB, patient(shared));
    expect(a.organizationId).toBe(orgA);
    expect(b.organizationId).toBe(orgB);
    expect([a.mrn, a.email]).toEqual([b.mrn, b.email]);
  });

  it("a provider e-mail and licence can exist at both", async () => {
    const shared = { licenseNumber: `LIC-${tag()}`, email: `shared-dr-${tag()}@clinic.test` };
    const a = await createProvider(orgA, provider(shared));
    const b = await createProvider(orgB, provider(shared));
    expect([a.licenseNumber, a.email]).toEqual([b.licenseNumber, b.email]);
    expect(a.organizationId).not.toBe(b.organizationId);
  });
});

describe("twice at one hospital is a clear conflict", () => {
  it("patient e-mail → patient_email", async () => {
    const email = `dup-${tag()}@mail.test`;
    await createPatient(orgA, patient({ email }));
    await expectConflict(createPatient(orgA, patient({ email })), "patient_email", /e-mail/i);
  });

  it("patient MRN → patient_mrn", async () => {
    const mrn = `MRN-${tag()}`;
    await createPatient(orgA, patient({ mrn }));
    await expectConflict(createPatient(orgA, patient({ mrn })), "patient_mrn", /MRN/);
  });

  it("provider e-mail → provider_email", async () => {
    const email = `dup-dr-${tag()}@clinic.test`;
    await createProvider(orgA, provider({ email }));
    await expectConflict(createProvider(orgA, provider({ email })), "provider_email", /e-mail/i);
  });

  it("provider licence → provider_license", async () => {
    const licenseNumber = `LIC-${tag()}`;
    await createProvider(orgA, provider({ licenseNumber }));
    await expectConflict(createProvider(orgA, provider({ licenseNumber })), "provider_license", /licen[cs]e/i);
  });

  it("an update onto an existing patient's e-mail or MRN conflicts too", async () => {
    const taken = await createPatient(orgA, patient());
    const other = await createPatient(orgA, patient());
    await expectConflict(
      withTenant(orgA, (tx) => patientsRepo(tx, orgA).update({ id: other.id, patch: { email: taken.email } })),
      "patient_email",
      /e-mail/i,
    );
    await expectConflict(
      withTenant(orgA, (tx) => patientsRepo(tx, orgA).update({ id: other.id, patch: { mrn: taken.mrn } })),
      "patient_mrn",
      /MRN/,
    );
  });

  it("an update onto an existing provider's licence conflicts too", async () => {
    const taken = await createProvider(orgA, provider());
    const other = await createProvider(orgA, provider());
    await expectConflict(
      withTenant(orgA, (tx) => providersRepo(tx, orgA).update({ id: other.id, patch: { licenseNumber: taken.licenseNumber } })),
      "provider_license",
      /licen[cs]e/i,
    );
  });

  it("several providers and patients without e-mail may coexist (NULL is not a clash)", async () => {
    await createPatient(orgA, patient({ email: null }));
    await createPatient(orgA, patient({ email: null }));
    await createProvider(orgA, provider({ email: null, licenseNumber: null }));
    await createProvider(orgA, provider({ email: null, licenseNumber: null }));
  });
});

describe("e-mail addresses are case-insensitive", () => {
  it("patients: Foo@x.com then foo@x.com clash", async () => {
    const local = `Foo-${tag()}`;
    const first = await createPatient(orgA, patient({ email: `${local}@X.com` }));
    expect(first.email).toBe(`${local.toLowerCase()}@x.com`);
    await expectConflict(createPatient(orgA, patient({ email: `${local.toLowerCase()}@x.com` })), "patient_email", /e-mail/i);
    await expectConflict(createPatient(orgA, patient({ email: `${local.toUpperCase()}@X.COM` })), "patient_email", /e-mail/i);
  });

  it("providers: Foo@x.com then foo@x.com clash", async () => {
    const local = `Foo-${tag()}`;
    await createProvider(orgA, provider({ email: `${local}@X.com` }));
    await expectConflict(createProvider(orgA, provider({ email: `${local.toLowerCase()}@x.com` })), "provider_email", /e-mail/i);
  });

  it("the database itself refuses a mixed-case e-mail written behind the repository's back", async () => {
    // Otherwise Foo@x.com inserted raw would sit beside foo@x.com without a clash.
    for (const [table, values] of [
      [
        "patients",
        {
          organization_id: orgA,
          mrn: `MRN-${tag()}`,
          first_name: "A",
          last_name: "B",
          date_of_birth: "1990-01-01",
          email: `Mixed-${tag()}@X.com`,
        },
      ],
      ["providers", { organization_id: orgA, name: "Dr. Mixed", email: `Mixed-${tag()}@X.com` }],
    ] as const) {
      const err = await expectPgCode(
        asOwner((s) => s`insert into ${s(table)} ${s(values as Record<string, string>)}`),
        "23514",
      );
      expect(err.constraint_name ?? err.constraint).toBe(`${table}_email_lower`);
    }
  });
});
