import { z } from "zod";
import { idFrom } from "@/lib/pipeline/params";
import { ForbiddenError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { tenantRoute } from "@/lib/pipeline/tenant-route";

export const dynamic = "force-dynamic";

const patchSchema = z
  .object({
    role: z.enum(["owner", "admin", "clinician", "staff"], "Choose owner, admin, clinician or staff.").optional(),
    status: z.enum(["active", "suspended"], "Choose active or suspended.").optional(),
  })
  .refine((p) => p.role || p.status, "Change the role or the status.");

// PATCH {"role"} / {"status": "suspended"} — never leaves the organization without an active owner.
export const PATCH = tenantRoute({ permission: "members:manage", body: patchSchema }, async ({ params, body, ctx }) => {
  const repo = membershipsRepo(ctx.tx, ctx.orgId);
  const id = idFrom(params, "membershipId", "member");
  const target = (await repo.list()).find((m) => m.id === id);
  if ((body.role === "owner" || target?.role === "owner") && ctx.role !== "owner") {
    throw new ForbiddenError("Only an owner can change an owner's membership or make someone an owner.", "forbidden:permission");
  }
  return { data: await repo.update({ id, patch: body }) };
});

export const DELETE = tenantRoute({ permission: "members:manage" }, async ({ params, ctx }) => {
  const repo = membershipsRepo(ctx.tx, ctx.orgId);
  const id = idFrom(params, "membershipId", "member");
  const target = (await repo.list()).find((m) => m.id === id);
  if (target?.role === "owner" && ctx.role !== "owner")
    throw new ForbiddenError("Only an owner can remove an owner.", "forbidden:permission");
  await repo.remove({ id });
  return new Response(null, { status: 204 });
});
