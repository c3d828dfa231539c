import { z } from "zod";
import { isoDate } from "@/lib/validation/fields";
import { matchOrCreatePatient, patientDetailsSchema } from "@/lib/scheduling/online-booking";
import { schedulingFacts } from "@/lib/scheduling/availability";
import { joinWaitlist } from "@/lib/scheduling/waitlist";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

const waitlistSchema = z
  .object({
    appointmentTypeId: z.uuid("Choose an appointment type."),
    providerId: z.uuid().optional(),
    earliestDate: isoDate,
    latestDate: isoDate,
    patient: patientDetailsSchema,
  })
  .refine((w) => w.earliestDate <= w.latestDate, { message: "The last date is before the first date.", path: ["latestDate"] });

// Join the waiting list for a type (and provider) between two dates.
export const POST = publicRoute({ body: waitlistSchema, limitPerMinute: 10 }, async ({ body, ctx }) => {
  await schedulingFacts(ctx.tx, ctx.orgId, {
    appointmentTypeId: body.appointmentTypeId,
    providerId: body.providerId,
    mode: "in_person",
    online: true,
  });
  const patient = await matchOrCreatePatient(ctx, body.patient);
  const entry = await joinWaitlist(ctx, { ...body, patientId: patient.id });
  return Response.json({ data: { id: entry.id, earliestDate: entry.earliestDate, latestDate: entry.latestDate } }, { status: 201 });
});
