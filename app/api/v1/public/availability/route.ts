import { findSlots } from "@/lib/scheduling/availability";
import { availabilityQuerySchema } from "@/lib/scheduling/schemas";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// Online rules: minimum notice, booking horizon, online-bookable types and providers only.
export const GET = publicRoute({ query: availabilityQuerySchema, limitPerMinute: 120 }, async ({ query, ctx }) => {
  const { slots, facts } = await findSlots(ctx.tx, ctx.orgId, {
    appointmentTypeId: query.type,
    providerId: query.provider,
    locationId: query.location,
    mode: query.mode,
    fromDate: query.from,
    toDate: query.to,
    online: true,
  });
  return {
    data: slots.map((s) => ({ providerId: s.providerId, locationId: s.locationId ?? null, startsAt: s.startsAt, endsAt: s.endsAt })),
    timeZone: facts.organization.timeZone,
  };
});
