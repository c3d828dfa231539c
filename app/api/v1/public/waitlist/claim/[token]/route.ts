import { publicRoute } from "@/lib/pipeline/public-route";
import { claimWaitlistOffer } from "@/lib/scheduling/waitlist-claim";

export const dynamic = "force-dynamic";

// The first valid claim books the slot; later claims get 409 "this time has already been taken".
export const POST = publicRoute({ limitPerMinute: 10 }, async ({ params, ctx, organization }) => ({
  data: await claimWaitlistOffer(ctx, organization, params.token ?? ""),
}));
