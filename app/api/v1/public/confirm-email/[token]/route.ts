import { CONFIRM_CONTACT_RATE_LIMIT, confirmBookingContactLink } from "@/lib/patients/reconcile";
import { publicRoute } from "@/lib/pipeline/public-route";

export const dynamic = "force-dynamic";

// POST — the visitor proves their e-mail with the link from their confirmation. One answer for
// every outcome (joined to their record, a new record, or left for the hospital to check); an
// invalid or expired link is 404.
export const POST = publicRoute({ limitPerMinute: CONFIRM_CONTACT_RATE_LIMIT.limit }, async ({ params, ctx }) => ({
  data: await confirmBookingContactLink(ctx, params.token ?? ""),
}));
