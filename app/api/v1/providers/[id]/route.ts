import { idFrom } from "@/lib/pipeline/params";
import { providerPatchSchema } from "@/lib/providers/schemas";
import { providerDetail, updateProvider } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute({ permission: "providers:read" }, async ({ params, ctx }) => ({
  data: await providerDetail(ctx, idFrom(params, "id", "provider")),
}));

// PATCH — edit, or deactivate with {"active": false}.
export const PATCH = tenantRoute({ permission: "providers:manage", body: providerPatchSchema }, async ({ params, body, ctx }) => ({
  data: await updateProvider(ctx, idFrom(params, "id", "provider"), body),
}));
