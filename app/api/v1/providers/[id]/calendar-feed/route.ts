import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar-feeds/service";
import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

// GET /api/v1/providers/{id}/calendar-feed — whether the provider has a working feed (never its address).
export const GET = tenantRoute({ permission: "providers:read" }, async ({ params, ctx }) => ({
  data: await calendarFeedStatus(ctx, idFrom(params, "id", "provider")),
}));

// POST — a new subscription address (shown only in this answer); the provider's previous feed stops working.
// The provider themselves or someone who manages providers.
export const POST = tenantRoute({ permission: "providers:read" }, async ({ params, ctx }) => {
  const feed = await createCalendarFeed(ctx, idFrom(params, "id", "provider"));
  return Response.json({ data: feed }, { status: 201 });
});

// DELETE — turns the feed off (404 when there is none).
export const DELETE = tenantRoute({ permission: "providers:read" }, async ({ params, ctx }) => {
  await revokeCalendarFeed(ctx, idFrom(params, "id", "provider"));
  return new Response(null, { status: 204 });
});
