import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config/env";
import { DEFAULT_ORGANIZATION_SLUG } from "@/lib/tenancy/default-organization";
import { contentSecurityPolicy, newNonce, NON_PAGE_CSP, securityHeaders } from "@/lib/security/headers";
import { apiTarget } from "@/lib/tenancy/api-target";
import { isSameOriginRequest, normalizeHost, requestAddress, tenantKeyFor, type RequestAddress } from "@/lib/tenancy/host";

// Edge: classify the Host, set the security headers and rewrite tenant traffic to app/org/[org]/….
// No database here, and no authorization: every layout, page and handler re-derives the tenant
// and checks access.
export async function middleware(request: NextRequest): Promise<NextResponse> {
  // A form post that reaches a page (or no route at all: `/api/x/%2e%2e/y` normalizes away from
  // the API) is read by Next as a possible server action, and a multipart body it cannot parse
  // would be its own 500. Refuse it here as the client's error.
  if (request.method === "POST" && (await unreadableMultipart(request))) {
    const response = NextResponse.json(
      { error: { code: "validation", message: "The form data could not be read." } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
    for (const [name, value] of Object.entries(securityHeaders(NON_PAGE_CSP, false))) {
      response.headers.set(name, value);
    }
    response.headers.set("x-request-id", crypto.randomUUID());
    return response;
  }
  return routeRequest(request);
}

/** Everything the middleware does that needs no body: synchronous. */
export function routeRequest(request: NextRequest): NextResponse {
  const trusted = appConfig().trustProxyHeaders;
  const address = requestAddress((name) => request.headers.get(name), { trusted, rootDomain: appConfig().rootDomain });
  const https = request.nextUrl.protocol === "https:" || address.https;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { https, development: !appConfig().production });
  // One id per request: handed to the server (x-agentcare-request-id, which its log lines carry)
  // and to the client (x-request-id, to quote when reporting a problem).
  const requestId = crypto.randomUUID();
  const response = route(request, address, { trusted, csp, nonce, requestId });
  for (const [name, value] of Object.entries(securityHeaders(csp, https))) response.headers.set(name, value);
  response.headers.set("x-request-id", requestId);
  return response;
}

function route(
  request: NextRequest,
  { rawHost, hostClass: cls }: RequestAddress,
  { trusted, csp, nonce, requestId }: { trusted: boolean; csp: string; nonce: string; requestId: string },
): NextResponse {
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
  headers.set("x-agentcare-request-id", requestId);
  // Next reads the nonce from the request's CSP and puts it on the scripts it renders.
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  const { pathname, search } = request.nextUrl;
  headers.set("x-agentcare-path", pathname);
  // The query too, so a staff page can send a signed-out visitor to sign in and back to it.
  if (search) headers.set("x-agentcare-search", search);

  if (cls.kind === "invalid") {
    return new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  }
  // A server action posted from another site is refused here with a clear 403 (Next would
  // otherwise answer its own origin check with a 500).
  const fromPage = isSameOriginRequest({
    origin: request.headers.get("origin"),
    secFetchSite: request.headers.get("sec-fetch-site"),
    authority: rawHost?.trim().toLowerCase() ?? null,
  });
  if (request.headers.has("next-action") && !fromPage) {
    return NextResponse.json(
      { error: { code: "forbidden:cross_origin", message: "This request came from another site." } },
      { status: 403, headers: { "cache-control": "no-store" } },
    );
  }

  const key = appConfig().multiTenancy ? tenantKeyFor(cls) : DEFAULT_ORGANIZATION_SLUG;
  const api = apiTarget(key, pathname);
  if (api === "not_found") return new NextResponse("Not found", { status: 404 });

  if (key) {
    headers.set("x-agentcare-tenant", key);
    if (api) return NextResponse.next({ request: { headers } });
    const url = request.nextUrl.clone();
    url.pathname = `/org/${key}${pathname === "/" ? "" : pathname}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }

  // Root domain: path-based tenant URLs. /org/{slug}/api/… and /org/{slug}/fhir/… reach the same handlers.
  if (api?.pathTenant) {
    headers.set("x-agentcare-path-tenant", api.pathTenant);
    const url = request.nextUrl.clone();
    url.pathname = api.path;
    return NextResponse.rewrite(url, { request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
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

export const config = {
  // The health check is the load balancers': it names no tenant, renders nothing, and sets its own
  // security headers, so it skips the tenant routing.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|og-image.png|api/health$).*)"],
};
