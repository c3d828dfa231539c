import { staffSlots } from "@/lib/scheduling/appointments-service";
import { availabilityQuerySchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/availability?type=&provider=&location=&from=&to=&mode= — free slots (staff rules: no notice or horizon limits).
export const GET = tenantRoute({ permission: "appointments:read", query: availabilityQuerySchema }, async ({ query, ctx }) => {
  const { data, timeZone } = await staffSlots(ctx, {
    appointmentTypeId: query.type,
    providerId: query.provider,
    locationId: query.location,
    mode: query.mode,
    fromDate: query.from,
    toDate: query.to,
  });
  return { data, timeZone, nextCursor: null };
});
