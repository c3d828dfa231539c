import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cookies, headers } from "next/headers";

/** A request served on the production server's direct API path: its headers and cookies as sent. */
export type DirectRequest = { headers: { get(name: string): string | null }; cookies: RequestCookie[] };
export type RequestCookie = { name: string; value: string };

// One store per process, whichever bundle loads this module first (the server's dispatcher and the
// route handlers it calls must see the same one).
const globalForScope = globalThis as unknown as { __agentcareDirectRequest?: AsyncLocalStorage<DirectRequest> };
const scope = (globalForScope.__agentcareDirectRequest ??= new AsyncLocalStorage<DirectRequest>());

/** Runs a route handler with the request it answers, for code that asks for headers and cookies. */
export function runWithDirectRequest<T>(request: DirectRequest, fn: () => T): T {
  return scope.run(request, fn);
}

/** True while the production server's direct API path serves the current request. */
export function servedDirectly(): boolean {
  return scope.getStore() !== undefined;
}

/**
 * The current request's headers: the direct API path's own request, else Next's (route handlers,
 * server actions and pages served by Next).
 */
export async function requestHeaders(): Promise<{ get(name: string): string | null }> {
  return scope.getStore()?.headers ?? (await headers());
}

/** The current request's cookies, as name and value. */
export async function requestCookies(): Promise<RequestCookie[]> {
  const direct = scope.getStore();
  if (direct) return direct.cookies;
  return (await cookies()).getAll().map(({ name, value }) => ({ name, value }));
}

/** A Cookie header's pairs (values percent-decoded where they can be, as Next reads them). */
export function parseCookieHeader(header: string | null | undefined): RequestCookie[] {
  if (!header) return [];
  const out: RequestCookie[] = [];
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!name) continue;
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as sent
    }
    out.push({ name, value });
  }
  return out;
}
