import { intakeSubmissionSchema } from "@/lib/intake/schemas";
import { publicRoute } from "@/lib/pipeline/public-route";
import { manageSummary, submitIntakeByPatient } from "@/lib/scheduling/online-booking";

export const dynamic = "force-dynamic";

// PUT — the holder of a manage link fills in (or corrects) the visit's intake form before the visit.
export const PUT = publicRoute({ body: intakeSubmissionSchema, limitPerMinute: 10 }, async ({ params, body, ctx }) => {
  await submitIntakeByPatient(ctx, params.token ?? "", body);
  return { data: await manageSummary(ctx, params.token ?? "") };
});
