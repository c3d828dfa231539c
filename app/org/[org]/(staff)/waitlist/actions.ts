"use server";

import { tenantAction } from "@/lib/pipeline/tenant-action";
import { freeTimesForEntry, listWaitlist, offerTimeToEntry, removeWaitlistEntry } from "@/lib/scheduling/waitlist-staff";
import { manualOfferSchema, waitlistEntryIdSchema, waitlistFreeTimesSchema, waitlistListSchema } from "@/lib/scheduling/waitlist-schemas";

/** The waiting list, newest first, filtered; the patients shown are audited as one read. */
export const listWaitlistAction = tenantAction(
  { name: "waitlist.list", schema: waitlistListSchema, permission: "patients:read" },
  async (input, ctx) => listWaitlist(ctx, input),
);

/** Free times for an entry's appointment type, to offer one by hand. */
export const waitlistFreeTimesAction = tenantAction(
  { name: "waitlist.free_times", schema: waitlistFreeTimesSchema, permission: "appointments:read" },
  async (input, ctx) => freeTimesForEntry(ctx, input),
);

/** Offers a chosen free time to one waiting patient, by the same e-mail and claim link as the automatic offers. */
export const offerWaitlistTimeAction = tenantAction(
  { name: "waitlist.offer", schema: manualOfferSchema, permission: "appointments:write" },
  async (input, ctx) => offerTimeToEntry(ctx, input),
);

/** Takes a patient off the waiting list (audited). */
export const removeWaitlistEntryAction = tenantAction(
  { name: "waitlist.remove", schema: waitlistEntryIdSchema, permission: "appointments:write" },
  async ({ id }, ctx) => removeWaitlistEntry(ctx, id),
);
