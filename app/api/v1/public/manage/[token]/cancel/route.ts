import { z } from "zod";
import { cancelByPatient, manageSummary } from "@/lib/scheduling/online-booking";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

export const POST = publicRoute(
  { body: z.object({ reason: z.string().trim().max(500).optional() }), limitPerMinute: 10 },
  async ({ params, body, ctx }) => {
    await cancelByPatient(ctx, params.token ?? "", body.reason);
    return { data: await manageSummary(ctx, params.token ?? "") };
  },
);
