import { bookOnline, onlineBookingSchema } from "@/lib/scheduling/online-booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// 409 {"error":{"code":"conflict:appointment_overlap","message":"That time was just taken…"}} on a lost race.
export const POST = publicRoute({ body: onlineBookingSchema, limitPerMinute: 10 }, async ({ body, ctx }) => {
  const { appointment, manageUrl } = await bookOnline(ctx, body);
  const token = manageUrl.split("/appointments/manage/")[1];
  return Response.json(
    {
      data: {
        id: appointment.id,
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        mode: appointment.mode,
        manageToken: token,
        manageUrl,
      },
    },
    { status: 201 },
  );
});
