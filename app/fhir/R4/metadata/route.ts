import { fhirCapabilities } from "@/lib/fhir/service";
import { fhirBase, fhirJson, fhirPublicRoute } from "@/lib/pipeline/fhir";

export const dynamic = "force-dynamic";

// GET /fhir/R4/metadata — the CapabilityStatement (public, like every FHIR server's).
export const GET = fhirPublicRoute({}, async ({ ctx, organization }) =>
  fhirJson(await fhirCapabilities(ctx, { organization, base: fhirBase(organization) })),
);
