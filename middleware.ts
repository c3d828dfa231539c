import { NextResponse, type NextRequest } from "next/server";
import { rootDomain, trustProxyHeaders } from "@/lib/tenancy/config";
import { classifyHost, normalizeHost, tenantKeyFor } from "@/lib/tenancy/host";

// Edge: classify the Host and rewrite tenant traffic to app/org/[org]/…. No database here, and
// no authorization: every layout, page and handler re-derives the tenant and checks access.
export function middleware(request: NextRequest) {
  const rawHost =
    (trustProxyHeaders() && request.headers.get("x-forwarded-host")?.split(",")[0]) || request.headers.get("host");
  const cls = classifyHost(rawHost, rootDomain());

  const headers = new Headers(request.headers);
  for (const name of [...headers.keys()]) {
    if (name.startsWith("x-agentcare-")) headers.delete(name);
  }
  headers.set("x-agentcare-host-kind", cls.kind);
  const host = normalizeHost(rawHost);
  if (host) headers.set("x-agentcare-host", host);
  const requestId = crypto.randomUUID();
  headers.set("x-agentcare-request-id", requestId);

  if (cls.kind === "invalid") {
    return new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  }

  const key = tenantKeyFor(cls);
  if (key) headers.set("x-agentcare-tenant", key);

  const { pathname } = request.nextUrl;
  if (key && !pathname.startsWith("/api/")) {
    const url = request.nextUrl.clone();
    url.pathname = `/org/${key}${pathname === "/" ? "" : pathname}`;
    return NextResponse.rewrite(url, { request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
