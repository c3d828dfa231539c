import { NextResponse } from "next/server";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { SsoSignInError, startSsoSignIn } from "@/lib/sso/sign-in";

export const dynamic = "force-dynamic";

// GET ?next=/path — sends the browser to the organization's identity provider to sign in.
export const GET = platformRoute({ tenant: true, credentials: false, rateLimit: { limit: 30 } }, async ({ organization, request }) => {
  const next = new URL(request.url).searchParams.get("next");
  try {
    const { url, cookie } = await startSsoSignIn(organization, next);
    const response = new NextResponse(null, { status: 303, headers: { location: url, "cache-control": "no-store" } });
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  } catch (err) {
    if (!(err instanceof SsoSignInError)) throw err;
    return new NextResponse(null, { status: 303, headers: { location: `/sign-in?error=sso_${err.reason}`, "cache-control": "no-store" } });
  }
});
