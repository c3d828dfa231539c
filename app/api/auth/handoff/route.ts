import { NextResponse } from "next/server";
import { mintSessionCookie } from "@/lib/auth/mint-session";
import { redeemHandoffOnHost } from "@/lib/auth/switch";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { recordSecurityEvent } from "@/lib/security/events";

/** GET ?token= — redeems a hand-off on the organization's own host: a host-only session, then the dashboard. */
export const GET = platformRoute({ credentials: false, rateLimit: { limit: 30 } }, async ({ request, facts }) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const base = `${facts.protocol}//${request.headers.get("host")}`;
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
    return NextResponse.redirect(new URL("/sign-in?error=handoff", base), 303);
  }
  const cookie = await mintSessionCookie({
    user: result.user,
    activeOrganizationId: result.organizationId,
    onRootFamily: facts.hostClass.kind === "tenant",
  });
  const response = NextResponse.redirect(new URL("/dashboard", base), 303);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
});
