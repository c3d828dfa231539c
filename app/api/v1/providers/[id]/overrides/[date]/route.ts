import { idFrom } from "@/lib/pipeline/params";
import { overrideSchema } from "@/lib/providers/schemas";
import { clearDateOverride, setDateOverride } from "@/lib/providers/service";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// PUT — that date's hours replace the weekly pattern ({"intervals": []} closes the day);
// DELETE — back to the weekly pattern.
export const PUT = tenantRoute({ permission: "providers:manage", body: overrideSchema }, async ({ params, body, ctx }) => ({
  data: await setDateOverride(ctx, idFrom(params, "id", "provider"), params.date ?? "", body),
}));

export const DELETE = tenantRoute({ permission: "providers:manage" }, async ({ params, ctx }) => {
  await clearDateOverride(ctx, idFrom(params, "id", "provider"), params.date ?? "");
  return new Response(null, { status: 204 });
});
