// The CapabilityStatement: what this FHIR endpoint serves, for clients to discover. Pure.

import type { FhirResource } from "./resources";
import { FHIR_TYPES, SEARCH_PARAMS } from "./search";

const TYPE_DOCS: Record<(typeof FHIR_TYPES)[number], string> = {
  Practitioner: "The organization's providers.",
  Location: "Its locations (its own site where it has none).",
  Schedule: "Each provider at each location they work at, with the appointment types they offer.",
  Slot: "Free times, computed with the booking rules: every free slot can be booked.",
  Appointment: "Appointments (reads are recorded in the audit log).",
  Patient: "Patient records, for callers whose role may read patients (reads are recorded in the audit log).",
};

export function capabilityStatement(base: string, software: { name: string; organization: string }, date: Date): FhirResource {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: date.toISOString(),
    publisher: software.organization,
    kind: "instance",
    software: { name: software.name },
    implementation: { description: `${software.organization}: FHIR R4 read API`, url: base },
    fhirVersion: "4.0.1",
    format: ["json"],
    rest: [
      {
        mode: "server",
        security: {
          service: [
            {
              coding: [{ system: "http://terminology.hl7.org/CodeSystem/restful-security-service", code: "OAuth" }],
              text: "Bearer API key",
            },
          ],
          description:
            "Send an API key of this organization as `Authorization: Bearer …` (or use a signed-in session). Keys of other organizations are refused.",
        },
        resource: FHIR_TYPES.map((type) => ({
          type,
          documentation: TYPE_DOCS[type],
          interaction: [{ code: "read" }, { code: "search-type" }],
          searchParam: Object.entries(SEARCH_PARAMS[type]).map(([name, spec]) => ({
            name,
            type: spec.kind,
            documentation: spec.documentation,
          })),
        })),
        operation: [
          {
            name: "bulk-publish",
            definition: "http://fhir-registry.smarthealthit.org/OperationDefinition/bulk-publish",
            documentation: "Public: the organization's locations, schedules and free slots for directories (SMART Scheduling Links).",
          },
        ],
      },
    ],
  };
}
