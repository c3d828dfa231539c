import { z } from "zod";
import { ForbiddenError } from "@/lib/errors/app-error";
import { createInvitation } from "@/lib/administration/invitations";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address.")),
  role: z.enum(["owner", "admin", "clinician", "staff"], "Choose owner, admin, clinician or staff."),
});

// POST — e-mails an expiring, single-use invitation link (it is in the outbox until sent).
export const POST = tenantRoute({ permission: "members:manage", body: bodySchema }, async ({ body, ctx }) => {
  if (body.role === "owner" && ctx.role !== "owner") throw new ForbiddenError("Only an owner can invite an owner.", "forbidden:permission");
  const { invitation, url } = await createInvitation(ctx.tx, ctx.orgId, { email: body.email, role: body.role, invitedBy: ctx.actorUserId });
  return Response.json(
    { data: { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, url } },
    { status: 201 },
  );
});
