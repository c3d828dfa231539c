import { NextResponse } from "next/server";
import { redeemHandoff } from "@/lib/auth/handoff";
import { mintSessionCookie } from "@/lib/auth/mint-session";
import { withPlatform } from "@/lib/db/tenant";
import { recordSecurityEvent } from "@/lib/security/events";
import { requestInfo } from "@/lib/tenancy/request";
import { platformUsers } from "@/lib/users/platform-repository";

/** Redeems a hand-off on the organization's own host: mints a host-only session, then the dashboard. */
export async function GET(request: Request) {
  const info = await requestInfo();
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const base = `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`;
  const handoff = info.host ? await redeemHandoff({ token, host: info.host.replace(/:\d+$/, "") }) : null;
  const fail = async (reason: string) => {
    await recordSecurityEvent({
      kind: "handoff_rejected",
      host: info.host,
      path: info.path,
      ip: info.ip,
      userAgent: info.userAgent,
      requestId: info.requestId,
      metadata: { reason },
    });
    return NextResponse.redirect(new URL("/sign-in?error=handoff", base), 303);
  };
  if (!handoff) return fail("invalid, used, expired or for another host");

  const user = await withPlatform(
    async (tx) => {
      const users = platformUsers(tx);
      const found = await users.findById({ id: handoff.userId });
      const memberships = await users.listOwnMemberships({ userId: handoff.userId });
      return found && memberships.some((m) => m.organizationId === handoff.organizationId) ? found : null;
    },
    { userId: handoff.userId },
  );
  if (!user) return fail("membership no longer active");

  const cookie = await mintSessionCookie({
    user: { id: user.id, email: user.email, name: user.name },
    activeOrganizationId: handoff.organizationId,
    onRootFamily: info.hostClass.kind === "tenant",
  });
  const response = NextResponse.redirect(new URL("/dashboard", base), 303);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  response.headers.set("cache-control", "no-store");
  return response;
}
