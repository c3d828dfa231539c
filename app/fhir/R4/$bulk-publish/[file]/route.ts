import { NotFoundError } from "@/lib/errors/app-error";
import { BULK_CACHE, BULK_TYPES, bulkResources } from "@/lib/fhir/service";
import { fhirBase, fhirPublicRoute } from "@/lib/pipeline/fhir";

export const dynamic = "force-dynamic";

// GET /fhir/R4/$bulk-publish/{Location|Schedule|Slot}.ndjson — one file of the feed, a resource a line.
export const GET = fhirPublicRoute({ limitPerMinute: 60 }, async ({ ctx, organization, params }) => {
  const type = BULK_TYPES.find((t) => `${t}.ndjson` === params.file);
  if (!type) throw new NotFoundError("fhir_type", "The feed has Location.ndjson, Schedule.ndjson and Slot.ndjson.");
  const resources = await bulkResources(ctx, { organization, base: fhirBase(organization) }, type);
  return new Response(resources.map((r) => `${JSON.stringify(r)}\n`).join(""), {
    headers: { "content-type": "application/fhir+ndjson", "cache-control": BULK_CACHE },
  });
});
