import { idFrom } from "@/lib/pipeline/params";
import { tenantRoute } from "@/lib/pipeline/tenant-route";
import { removeWaitlistEntry } from "@/lib/scheduling/waitlist-staff";

export const dynamic = "force-dynamic";

// DELETE /api/v1/waitlist/{id} — takes the patient off the waiting list (the entry is kept, cancelled; audited).
export const DELETE = tenantRoute({ permission: "appointments:write" }, async ({ params, ctx }) => {
  await removeWaitlistEntry(ctx, idFrom(params, "id", "waitlist_entry"));
  return new Response(null, { status: 204 });
});
