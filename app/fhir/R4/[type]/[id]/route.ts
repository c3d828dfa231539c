import { readFhir } from "@/lib/fhir/service";
import { fhirBase, fhirJson, fhirRoute, fhirTypeFor } from "@/lib/pipeline/fhir";

export const dynamic = "force-dynamic";

// GET /fhir/R4/{type}/{id} — one resource of the organization; another organization's id is 404.
export const GET = fhirRoute(async ({ params, ctx, organization }) => {
  const type = fhirTypeFor(ctx, params.type);
  return fhirJson(await readFhir(ctx, { organization, base: fhirBase(organization) }, type, params.id ?? ""));
});
