import { idFrom } from "@/lib/pipeline/params";
import { ValidationError } from "@/lib/errors/app-error";
import { providerAvailabilityRepo } from "@/lib/providers/availability-repository";
import { providersRepo } from "@/lib/providers/repository";
import { overrideSchema } from "@/lib/providers/schemas";
import { providerDetail } from "@/lib/providers/service";
import { isValidDate } from "@/lib/time/calendar";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// PUT — that date's hours replace the weekly pattern ({"intervals": []} closes the day);
// DELETE — back to the weekly pattern.
export const PUT = tenantRoute({ permission: "providers:manage", body: overrideSchema }, async ({ params, body, ctx }) => {
  const id = idFrom(params, "id", "provider");
  const date = params.date ?? "";
  if (!isValidDate(date)) throw new ValidationError("Use a real date in the form YYYY-MM-DD.");
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  const intervals = body.intervals.length
    ? body.intervals.map((i) => ({ date, startTime: i.startTime, endTime: i.endTime, note: body.note ?? null }))
    : [{ date, startTime: null, endTime: null, note: body.note ?? null }];
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).setOverride({ providerId: id, date, intervals });
  return { data: await providerDetail(ctx, id) };
});

export const DELETE = tenantRoute({ permission: "providers:manage" }, async ({ params, ctx }) => {
  const id = idFrom(params, "id", "provider");
  const date = params.date ?? "";
  if (!isValidDate(date)) throw new ValidationError("Use a real date in the form YYYY-MM-DD.");
  await providersRepo(ctx.tx, ctx.orgId).get({ id });
  await providerAvailabilityRepo(ctx.tx, ctx.orgId).setOverride({ providerId: id, date, intervals: [] });
  return new Response(null, { status: 204 });
});
