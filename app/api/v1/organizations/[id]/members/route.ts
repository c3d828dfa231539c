import { z } from "zod";
import { ConflictError, ForbiddenError } from "@/lib/errors/app-error";
import { organizationService, userService } from "@/lib/administration/organizations";
import { orgAdminRoute } from "@/lib/pipeline/org-admin-route";
import { withPlatform } from "@/lib/db/tenant";
import { platformUsers } from "@/lib/users/platform-repository";

export const dynamic = "force-dynamic";

const role = z.enum(["owner", "admin", "clinician", "staff"], "Choose owner, admin, clinician or staff.");
const bodySchema = z.union([
  z.object({ userId: z.uuid("userId must be a user id."), role }),
  z.object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address.")),
    name: z.string().trim().min(1).max(120),
    password: z.string().min(10).max(200).optional(),
    role,
  }),
]);

// POST {"userId", "role"} (the guide's organizationService.addUser) or {"email", "name", "role"} to create the account too.
export const POST = orgAdminRoute({ permission: "members:manage", body: bodySchema }, async ({ orgId, body, actor }) => {
  if (body.role === "owner" && actor.kind === "member" && actor.role !== "owner") {
    throw new ForbiddenError("Only an owner can make someone an owner.", "forbidden:permission");
  }
  let userId: string;
  if ("userId" in body) {
    if (actor.kind !== "operator")
      throw new ForbiddenError(
        "Members add people by e-mail or invitation; adding a user by id is for platform operators.",
        "forbidden:operator_only",
      );
    userId = body.userId;
  } else {
    const existing = await withPlatform((p) => platformUsers(p).findByEmail({ email: body.email }));
    if (existing && actor.kind !== "operator") {
      // Nobody is added to an organization without agreeing: existing accounts get an invitation.
      throw new ConflictError(
        "user_email",
        "An account with this e-mail already exists. Invite them instead: they accept with their own sign-in.",
      );
    }
    userId = existing?.id ?? (await userService.createUser({ email: body.email, name: body.name, password: body.password })).id;
  }
  const membership = await organizationService.addUser(orgId, userId, body.role);
  return Response.json({ data: membership }, { status: 201 });
});
