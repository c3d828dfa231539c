import { z } from "zod";
import { acceptInvitation } from "@/lib/administration/invitations";
import { parseInput } from "@/lib/pipeline/parse";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { email, password, personName } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

const newAccount = z.object({ email, name: personName, password });

// POST — as the signed-in user ({}), or creating the account ({email, name, password}). Through an
// owner-claim link the account waits for its address to be confirmed: 202 and the same answer for any address.
export const POST = platformRoute(
  { tenant: true, body: z.looseObject({}), rateLimit: { limit: 10, message: "Too many attempts. Please wait a minute." } },
  async ({ organization, params, body, caller }) => {
    const token = params.token ?? "";
    const result =
      caller.kind === "user" && !("password" in body)
        ? await acceptInvitation(organization.id, token, { userId: caller.userId })
        : await acceptInvitation(organization.id, token, parseInput(newAccount, body, "account"));
    return Response.json(
      { data: { ...result, organization: { id: organization.id, slug: organization.slug } } },
      { status: "status" in result ? 202 : 201 },
    );
  },
);
