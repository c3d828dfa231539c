import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config/env";
import { DEFAULT_ORGANIZATION_SLUG } from "@/lib/tenancy/default-organization";
import { classifyHost, normalizeHost, SLUG_PATTERN, tenantKeyFor } from "@/lib/tenancy/host";

const PATH_TENANT = /^\/org\/([^/]+)(\/.*)?$/;

// Edge: classify the Host and rewrite tenant traffic to app/org/[org]/…. No database here, and
// no authorization: every layout, page and handler re-derives the tenant and checks access.
export async function middleware(request: NextRequest): Promise<NextResponse> {
  // A form post that reaches a page (or no route at all: `/api/x/%2e%2e/y` normalizes away from
  // the API) is read by Next as a possible server action, and a multipart body it cannot parse
  // would be its own 500. Refuse it here as the client's error.
  if (request.method === "POST" && (await unreadableMultipart(request))) {
    return NextResponse.json(
      { error: { code: "validation", message: "The form data could not be read." } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  return routeRequest(request);
}

const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/** Everything the middleware does that needs no body: synchronous. */
export function routeRequest(request: NextRequest): NextResponse {
  const trusted = appConfig().trustProxyHeaders;
  const rawHost = (trusted && request.headers.get("x-forwarded-host")?.split(",")[0]) || request.headers.get("host");
  const cls = classifyHost(rawHost, appConfig().rootDomain);

  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) {
    if (name.startsWith("x-agentcare-")) headers.delete(name);
  }
  const host = normalizeHost(rawHost);
  // next-auth derives its origin from X-Forwarded-Host: make it the real host unless a trusted
  // proxy set it.
  if (!trusted) {
    if (rawHost) headers.set("x-forwarded-host", rawHost);
    else headers.delete("x-forwarded-host");
  }
  if (host) headers.set("x-agentcare-host", host);
  headers.set("x-agentcare-host-kind", cls.kind);
  headers.set("x-agentcare-request-id", crypto.randomUUID());
  const { pathname } = request.nextUrl;
  headers.set("x-agentcare-path", pathname);

  if (cls.kind === "invalid") {
    return new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  }
  // A server action posted from another site is refused here with a clear 403 (Next would
  // otherwise answer its own origin check with a 500).
  if (request.headers.has("next-action") && !sameOrigin(request.headers.get("origin"), host)) {
    return NextResponse.json(
      { error: { code: "forbidden:cross_origin", message: "This request came from another site." } },
      { status: 403, headers: { "cache-control": "no-store" } },
    );
  }

  const isApi = isApiPath(pathname);
  const key = appConfig().multiTenancy ? tenantKeyFor(cls) : DEFAULT_ORGANIZATION_SLUG;

  if (key) {
    headers.set("x-agentcare-tenant", key);
    if (isApi) return NextResponse.next({ request: { headers } });
    const url = request.nextUrl.clone();
    url.pathname = `/org/${key}${pathname === "/" ? "" : pathname}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }

  // Root domain: path-based tenant URLs. /org/{slug}/api/… reaches the same API handlers.
  const match = PATH_TENANT.exec(pathname);
  if (match && match[2]?.startsWith("/api/")) {
    const slug = safeDecode(match[1]!).toLowerCase();
    if (!SLUG_PATTERN.test(slug)) return new NextResponse("Not found", { status: 404 });
    headers.set("x-agentcare-path-tenant", slug);
    const url = request.nextUrl.clone();
    url.pathname = match[2];
    return NextResponse.rewrite(url, { request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}

async function unreadableMultipart(request: NextRequest): Promise<boolean> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "multipart/form-data") return false;
  try {
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}

/** No Origin (same-origin navigations of old browsers) passes; any other origin must be this host. */
function sameOrigin(origin: string | null, host: string | null): boolean {
  if (origin === null) return true;
  try {
    return host !== null && normalizeHost(new URL(origin).host) === host;
  } catch {
    return false;
  }
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|og-image.png).*)"],
};
