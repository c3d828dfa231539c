import { parseSearch } from "@/lib/fhir/search";
import { searchFhir } from "@/lib/fhir/service";
import { fhirBase, fhirJson, fhirRoute, fhirTypeFor } from "@/lib/pipeline/fhir";

export const dynamic = "force-dynamic";

// GET /fhir/R4/{type}?… — a FHIR search of the organization's Practitioner, Location, Schedule,
// Slot, Appointment or Patient resources: a searchset Bundle, paged with _count and _offset.
export const GET = fhirRoute(async ({ params, ctx, organization, request }) => {
  const type = fhirTypeFor(ctx, params.type);
  const search = parseSearch(type, new URL(request.url).searchParams, organization.timeZone);
  return fhirJson(await searchFhir(ctx, { organization, base: fhirBase(organization) }, search));
});
