import { manageCalendarFile } from "@/lib/scheduling/online-booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// The visit as an .ics file, for the holder of its manage link only (any other token: 404).
export const GET = publicRoute({ limitPerMinute: 30 }, async ({ params, ctx }) => {
  const ics = await manageCalendarFile(ctx, params.token ?? "");
  return new Response(ics, {
    status: 200,
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'attachment; filename="appointment.ics"',
    },
  });
});
