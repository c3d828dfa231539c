import { memberDayView } from "@/lib/scheduling/day-view";
import { dayQuerySchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/tenancy/route";

export const dynamic = "force-dynamic";

// GET /api/v1/appointments?date=YYYY-MM-DD[&provider=id] — the signed-in member's view of a day.
export const GET = tenantRoute({ permission: "appointments:read", query: dayQuerySchema }, async ({ query, ctx, organization }) => {
  const view = await memberDayView(ctx, organization, { date: query.date, providerId: query.provider });
  return { data: view.appointments, date: view.date, timeZone: view.timeZone, scope: view.scope };
});
