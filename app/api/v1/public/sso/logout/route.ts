import { NextResponse } from "next/server";
import { platformRoute } from "@/lib/pipeline/platform-route";
import { ssoBackchannelLogout } from "@/lib/sso/sign-in";

export const dynamic = "force-dynamic";

// POST logout_token=… (form) — the identity provider's back-channel logout: the sessions its
// signed token names end. 200 when done, 400 for a token that is not valid.
export const POST = platformRoute({ tenant: true, credentials: false, rateLimit: { limit: 60 } }, async ({ organization, request }) => {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  const form = type === "application/x-www-form-urlencoded" ? new URLSearchParams((await request.text()).slice(0, 16_384)) : null;
  await ssoBackchannelLogout(organization, form?.get("logout_token") ?? "");
  return new NextResponse(null, { status: 200, headers: { "cache-control": "no-store" } });
});
