import { findSlots } from "@/lib/scheduling/availability";
import { availabilityQuerySchema } from "@/lib/scheduling/schemas";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/availability?type=&provider=&from=&to=&mode= — free slots (staff rules: no notice or horizon limits).
export const GET = tenantRoute({ permission: "appointments:read", query: availabilityQuerySchema }, async ({ query, ctx }) => {
  const { slots, facts } = await findSlots(ctx.tx, ctx.orgId, {
    appointmentTypeId: query.type,
    providerId: query.provider,
    mode: query.mode,
    fromDate: query.from,
    toDate: query.to,
    online: false,
  });
  return {
    data: slots.map((s) => ({ providerId: s.providerId, startsAt: s.startsAt, endsAt: s.endsAt })),
    timeZone: facts.organization.timeZone,
    nextCursor: null,
  };
});
