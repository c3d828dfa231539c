import { z } from "zod";
import { isoDate } from "@/lib/validation/fields";
import { joinWaitlistOnline, patientDetailsSchema, patientLanguageField } from "@/lib/scheduling/online-booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

const waitlistSchema = z
  .object({
    appointmentTypeId: z.uuid("Choose an appointment type."),
    providerId: z.uuid().optional(),
    earliestDate: isoDate,
    latestDate: isoDate,
    patient: patientDetailsSchema,
    language: patientLanguageField,
  })
  .refine((w) => w.earliestDate <= w.latestDate, { message: "The last date is before the first date.", path: ["latestDate"] });

// Join the waiting list for a type (and provider) between two dates; the same answer whoever the e-mail belongs to.
export const POST = publicRoute({ body: waitlistSchema, limitPerMinute: 10 }, async ({ body, ctx }) => {
  const entry = await joinWaitlistOnline(ctx, body);
  return Response.json({ data: { id: entry.id, earliestDate: entry.earliestDate, latestDate: entry.latestDate } }, { status: 201 });
});
