import { NextResponse } from "next/server";
import { mintSessionCookie } from "@/lib/auth/mint-session";
import { redeemHandoffOnHost } from "@/lib/auth/switch";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { recordSecurityEvent } from "@/lib/security/events";

/**
 * A redirect to a path on the host the browser asked for. Relative, so no absolute URL is ever
 * built from the request's Host header.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}

/** GET ?token= — redeems a hand-off on the organization's own host: a host-only session, then the dashboard. */
export const GET = platformRoute({ credentials: false, rateLimit: { limit: 30 } }, async ({ request, facts }) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const result = facts.host ? await redeemHandoffOnHost({ token, host: facts.host }) : { ok: false as const, reason: "no host" };
  if (!result.ok) {
    await recordSecurityEvent({
      kind: "handoff_rejected",
      host: facts.host,
      path: facts.path,
      ip: facts.ip,
      userAgent: facts.userAgent,
      requestId: facts.requestId,
      metadata: { reason: result.reason },
    });
    return seeOther("/sign-in?error=handoff");
  }
  const cookie = await mintSessionCookie({
    user: result.user,
    activeOrganizationId: result.organizationId,
    onRootFamily: facts.hostClass.kind === "tenant",
  });
  const response = seeOther("/dashboard");
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
});
