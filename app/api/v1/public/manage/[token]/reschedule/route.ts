import { z } from "zod";
import { instantField } from "@/lib/validation/fields";
import { manageSummary, rescheduleByPatient } from "@/lib/scheduling/online-booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(
  { body: z.object({ startsAt: instantField("Choose the new time.") }), limitPerMinute: 10 },
  async ({ params, body, ctx }) => {
    await rescheduleByPatient(ctx, params.token ?? "", body.startsAt);
    return { data: await manageSummary(ctx, params.token ?? "") };
  },
);
