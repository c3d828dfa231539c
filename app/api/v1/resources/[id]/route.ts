import { idFrom } from "@/lib/pipeline/params";
import { resourcePatchSchema } from "@/lib/locations/schemas";
import { resourceById, updateResource } from "@/lib/locations/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "appointments:read" }, async ({ params, ctx }) => ({
  data: await resourceById(ctx, idFrom(params, "id", "resource")),
}));

// PATCH — rename, change the kind, or take out of service (active: false).
export const PATCH = tenantRoute({ permission: "settings:manage", body: resourcePatchSchema }, async ({ params, body, ctx }) => ({
  data: await updateResource(ctx, idFrom(params, "id", "resource"), body),
}));
