import { calendarFeedFile } from "@/lib/calendar-feeds/service";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// A provider's calendar subscription (iCalendar), for whoever holds its address; any other
// token is a 404. Calendar services poll many feeds from few addresses: a generous limit.
export const GET = publicRoute(
  { limitPerMinute: 120, auditActor: { type: "anonymous", role: "calendar_feed" } },
  async ({ params, ctx }) => {
    const calendar = await calendarFeedFile(ctx, params.token ?? "");
    return new Response(calendar, {
      status: 200,
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": 'inline; filename="calendar.ics"',
      },
    });
  },
);
