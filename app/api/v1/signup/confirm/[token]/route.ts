import { CONFIRM_OWNER_RATE_LIMIT, confirmOwner } from "@/lib/administration/owner-confirmation";
import { platformRoute } from "@/lib/pipeline/platform-route";

export const dynamic = "force-dynamic";

/**
 * POST — uses an e-mailed confirmation link: creates the owner's account (with the password chosen
 * at sign-up) or, for an address that has an account, accepts as that signed-in account.
 */
export const POST = platformRoute({ rateLimit: { limit: CONFIRM_OWNER_RATE_LIMIT.limit } }, async ({ params, caller }) => {
  const result = await confirmOwner({ token: params.token ?? "", signedInUserId: caller.kind === "user" ? caller.userId : null });
  return {
    data: {
      organization: { id: result.organization.id, slug: result.organization.slug },
      createdAccount: result.createdAccount,
    },
  };
});
