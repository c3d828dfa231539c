import { z } from "zod";
import { tenantKey } from "@/lib/cache/keys";
import { parseOrThrow } from "@/lib/validation/parse";
import { getSession } from "@/lib/auth/session";
import { RateLimitedError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { acceptInvitation } from "@/lib/administration/invitations";
import { resolvePublicTenant } from "@/lib/tenancy/public-route";
import { allowRequest } from "@/lib/tenancy/rate-limit";
import { requestInfo } from "@/lib/tenancy/request";

export const dynamic = "force-dynamic";

const newAccount = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address.")),
  name: z.string().trim().min(1, "Enter your name.").max(120),
  password: z.string().min(10, "Use at least 10 characters.").max(200),
});

// POST — as the signed-in user ({}), or creating the account ({email, name, password}).
export async function POST(request: Request, context: { params: Promise<{ token: string }> }) {
  const info = await requestInfo();
  try {
    const organization = await resolvePublicTenant(info);
    if (!allowRequest(tenantKey(organization.id, "invitation-accept", info.ip ?? "unknown"), 10, 60_000)) {
      throw new RateLimitedError("Too many attempts. Please wait a minute.");
    }
    const { token } = await context.params;
    const body = await request.json().catch(() => ({}));
    const session = await getSession();
    const result =
      session && !(body && typeof body === "object" && "password" in body)
        ? await acceptInvitation(organization.id, token, { userId: session.user.id })
        : await acceptInvitation(organization.id, token, parseOrThrow(newAccount, body, "account"));
    return Response.json({ data: { ...result, organization: { id: organization.id, slug: organization.slug } } }, { status: 201 });
  } catch (err) {
    return errorResponse(err, info.requestId);
  }
}
