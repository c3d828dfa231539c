import { z } from "zod";
import { instantField } from "@/lib/validation/fields";
import { placeHold } from "@/lib/scheduling/booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

const holdSchema = z.object({
  appointmentTypeId: z.uuid("Choose an appointment type."),
  providerId: z.uuid("Choose a provider."),
  startsAt: instantField("Choose a time."),
  mode: z.enum(["in_person", "telehealth"]).default("in_person"),
  locationId: z.uuid("locationId must be a location id.").optional(),
});

// Holds the chosen slot for a few minutes while the patient enters their details.
export const POST = publicRoute({ body: holdSchema, limitPerMinute: 20 }, async ({ body, ctx }) => {
  const hold = await placeHold(ctx, body);
  return Response.json({ data: hold }, { status: 201 });
});
