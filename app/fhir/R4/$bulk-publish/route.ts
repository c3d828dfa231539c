import { BULK_CACHE, bulkManifest } from "@/lib/fhir/service";
import { fhirBase, fhirPublicRoute } from "@/lib/pipeline/fhir";

export const dynamic = "force-dynamic";

// GET /fhir/R4/$bulk-publish — the SMART Scheduling Links manifest: public, per organization.
export const GET = fhirPublicRoute({ limitPerMinute: 60 }, async ({ ctx, organization }) =>
  Response.json(await bulkManifest(ctx, { organization, base: fhirBase(organization) }), { headers: { "cache-control": BULK_CACHE } }),
);
