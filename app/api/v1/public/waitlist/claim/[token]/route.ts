import { bookAppointment } from "@/lib/scheduling/booking";
import { manageUrl } from "@/lib/scheduling/notify";
import { claimOffer } from "@/lib/scheduling/waitlist";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// The first valid claim books the slot; later claims get 409 "this time has already been taken".
export const POST = publicRoute({ limitPerMinute: 10 }, async ({ params, ctx, organization }) => {
  const appointment = await claimOffer(ctx, params.token ?? "", (input) =>
    bookAppointment(ctx, { ...input, mode: "in_person", bookedVia: "online", online: false }),
  );
  return { data: { id: appointment.id, startsAt: appointment.startsAt, manageUrl: manageUrl(organization.slug, ctx.orgId, appointment) } };
});
