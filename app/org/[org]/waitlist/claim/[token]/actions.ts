"use server";

import { z } from "zod";
import { publicAction } from "@/lib/pipeline/public-action";
import { claimWaitlistOffer } from "@/lib/scheduling/waitlist-claim";

/** The claim button of an e-mailed waiting-list offer. */
export const claimWaitlistOfferAction = publicAction(
  { name: "waitlist.claim", schema: z.object({ token: z.string().min(1).max(600) }), limitPerMinute: 10 },
  async ({ token }, ctx) => claimWaitlistOffer(ctx, ctx.organization, token),
);
