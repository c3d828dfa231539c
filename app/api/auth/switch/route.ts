import { z } from "zod";
import { cookieReachesHost } from "@/lib/auth/cookies";
import { createHandoff } from "@/lib/auth/handoff";
import { getSession } from "@/lib/auth/session";
import { withPlatform } from "@/lib/db/tenant";
import { ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { config } from "@/lib/config/env";
import { organizationUrl } from "@/lib/tenancy/href";
import { requestInfo } from "@/lib/tenancy/request";
import { platformUsers } from "@/lib/users/platform-repository";

const bodySchema = z.object({ organizationId: z.uuid() });

/**
 * The org switcher: where to go for another of the user's organizations. Where the session
 * cookie reaches that organization's host, a plain link; otherwise a single-use hand-off URL.
 */
export async function POST(request: Request) {
  const info = await requestInfo();
  try {
    if (!request.headers.get("content-type")?.includes("application/json")) {
      throw new ValidationError("Send JSON.");
    }
    const session = await getSession();
    if (!session) throw new UnauthenticatedError();
    const parsed = bodySchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) throw new ValidationError("Choose an organization.");
    const userId = session.user.id;
    const memberships = await withPlatform((tx) => platformUsers(tx).listOwnMemberships({ userId }), { userId });
    const target = memberships.find((m) => m.organizationId === parsed.data.organizationId);
    if (!target) throw new ForbiddenError("You are not a member of that organization.", "forbidden:not_a_member");
    if (target.status !== "active")
      throw new ForbiddenError("That organization's account is suspended.", "forbidden:organization_suspended");

    const root = config().rootDomain;
    const protocol = `${request.headers.get("x-forwarded-proto") ?? "http"}:`;
    const dashboard = organizationUrl({ slug: target.slug, rootDomain: root, protocol, path: "/dashboard" });
    const targetHost = new URL(dashboard).host;
    if (cookieReachesHost(root, targetHost)) {
      return Response.json({ mode: "direct", url: dashboard, organizationId: target.organizationId });
    }
    const token = await createHandoff({ userId, organizationId: target.organizationId, targetHost: new URL(dashboard).hostname });
    const url = organizationUrl({
      slug: target.slug,
      rootDomain: root,
      protocol,
      path: `/api/auth/handoff?token=${encodeURIComponent(token)}`,
    });
    return Response.json({ mode: "handoff", url, organizationId: target.organizationId });
  } catch (err) {
    return errorResponse(err, info.requestId);
  }
}
