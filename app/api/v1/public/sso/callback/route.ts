import { NextResponse } from "next/server";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { finishSsoSignIn, SSO_FLOW_COOKIE, SsoSignInError } from "@/lib/sso/sign-in";

export const dynamic = "force-dynamic";

// GET ?code=&state= — where the identity provider sends the browser back: a session for this
// organization, then the page asked for (or the dashboard). A sign-in that did not complete goes
// back to the sign-in page with the reason's name.
export const GET = platformRoute(
  { tenant: true, credentials: false, rateLimit: { limit: 30 } },
  async ({ organization, request, facts }) => {
    const url = new URL(request.url);
    const flow = request.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${SSO_FLOW_COOKIE.replace(".", "\\.")}=([^;]+)`))?.[1] ?? null;
    try {
      const { session, location, clearFlow } = await finishSsoSignIn(organization, url.searchParams, flow, {
        host: facts.host,
        ip: facts.ip,
        userAgent: facts.userAgent,
        requestId: facts.requestId,
        path: facts.path,
      });
      const response = new NextResponse(null, { status: 303, headers: { location, "cache-control": "no-store" } });
      response.cookies.set(session.name, session.value, session.options);
      response.cookies.set(clearFlow.name, clearFlow.value, clearFlow.options);
      return response;
    } catch (err) {
      if (!(err instanceof SsoSignInError)) throw err;
      return new NextResponse(null, {
        status: 303,
        headers: { location: `/sign-in?error=sso_${err.reason}`, "cache-control": "no-store" },
      });
    }
  },
);
