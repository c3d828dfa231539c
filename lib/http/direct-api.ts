import "server-only";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { config } from "@/lib/config/env";
import { ERROR_CATALOGUE } from "@/lib/errors/catalogue";
import { logger } from "@/lib/observability/logger";
import { NON_PAGE_CSP, securityHeaders } from "@/lib/security/headers";
import { apiTarget, type ApiTarget } from "@/lib/tenancy/api-target";
import { DEFAULT_ORGANIZATION_SLUG } from "@/lib/tenancy/default-organization";
import { normalizeHost, requestAddress, tenantKeyFor } from "@/lib/tenancy/host";
import { acceptsGzip, COMPRESS_FROM_BYTES, gzip, varyOnEncoding } from "./compression";
import { unreadJsonBytes } from "./json-response";
import { parseCookieHeader, runWithDirectRequest } from "./request-scope";
import { acceptsRouteRequest, bodilessRequest, type RouteRequest } from "./route-request";
import { buildRouteTable, matchRoute } from "./route-table";

/**
 * The production server's direct API path. REST (`/api/v1/…`), FHIR (`/fhir/…`), the health check
 * and the metrics endpoint are route handlers of the form `(Request, { params }) => Response`; here
 * the server calls them itself — the same handlers and the same pipeline (tenant resolution,
 * authentication, authorization, rate limits, audit) — without Next's router, its request
 * adaptation and the Edge middleware's sandbox in between, which cost more than the handlers'
 * own work. This path does what the middleware does for API requests: it classifies the host, drops
 * client-sent `x-agentcare-*` headers before setting its own, resolves `/org/{slug}/api/…` on the
 * root domain, and puts the security headers and request id on every response.
 *
 * It takes only requests it is sure of: a clean path (see matchRoute) to a handler that exports the
 * method. Everything else — pages, next-auth, an unknown or malformed path, an invalid host, a
 * method a route does not export (405, OPTIONS, HEAD) — goes to Next as before.
 */
export type DirectApi = {
  /** Serves the request and resolves true, or resolves false without touching it (Next serves it). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
};

type RouteHandler = (request: Request | RouteRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Userland = Record<string, unknown>;

/** Paths served directly. next-auth's endpoints (`/api/auth/…`) read and set cookies through Next. */
const SERVED = (p: string) => p.startsWith("/api/v1/") || p.startsWith("/fhir/") || p === "/api/health" || p === "/api/metrics";

const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const COMPRESSIBLE = /^(application\/(json|[\w.+-]+\+json|x-ndjson|fhir\+ndjson|xml|[\w.+-]+\+xml)|text\/[\w.+-]+)/i;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The dispatcher for a build (`distDir`), or null when the direct path is switched off
 * (DIRECT_API=false). `load` is Node's require: the route files are the build's own, and loading
 * them the way Next does shares one instance of every module with the pages Next serves.
 */
export function createDirectApi({ distDir, load }: { distDir: string; load: (file: string) => unknown }): DirectApi | null {
  if (!config().directApi) return null;
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const table = buildRouteTable(manifest, SERVED);
  const loaded = new Map<string, Userland | null>();
  const loading = new Map<string, Promise<Userland | null>>();

  const userlandOf = (file: string): Userland | null | Promise<Userland | null> => {
    const ready = loaded.get(file);
    if (ready !== undefined) return ready;
    let pending = loading.get(file);
    if (!pending) {
      pending = (async () => {
        let userland: Userland | null = null;
        try {
          const exports = (await load(path.join(distDir, "server", file))) as { routeModule?: { userland?: Userland } };
          userland = exports?.routeModule?.userland ?? null;
          // A build whose route modules look different (another Next version): Next serves them.
          if (!userland) logger.warn({ file }, "direct API path: route module not recognised; Next serves it");
        } catch (err) {
          logger.error({ err, file }, "direct API path: route module failed to load; Next serves it");
        }
        loaded.set(file, userland);
        return userland;
      })();
      loading.set(file, pending);
    }
    return pending;
  };

  return {
    async handle(req, res) {
      const sent = req.url ?? "/";
      const q = sent.indexOf("?");
      const pathname = q < 0 ? sent : sent.slice(0, q);
      const search = q < 0 ? "" : sent.slice(q);
      if (!(pathname.startsWith("/api/") || pathname.startsWith("/fhir/") || pathname.startsWith("/org/"))) return false;
      // A server action names itself in a header; the middleware answers those (and refuses a
      // cross-site one).
      if (req.headers["next-action"] !== undefined) return false;

      const { trustProxyHeaders: trusted, rootDomain, multiTenancy } = config();
      const { rawHost, hostClass, https } = requestAddress((name) => first(req.headers[name]), { trusted, rootDomain });
      let key: string | null = null;
      let target: ApiTarget | "not_found" | null;
      if (pathname === "/api/health") {
        // The load balancers' check names no tenant: answered on any host, as the middleware skips it.
        target = { path: pathname, pathTenant: null };
      } else {
        if (hostClass.kind === "invalid") return false;
        key = multiTenancy ? tenantKeyFor(hostClass) : DEFAULT_ORGANIZATION_SLUG;
        target = apiTarget(key, pathname);
        if (!target || target === "not_found") return false;
      }
      const match = matchRoute(table, target.path);
      if (!match) return false;
      const method = req.method ?? "GET";
      const found = userlandOf(match.file);
      const userland = found instanceof Promise ? await found : found;
      const handler = userland?.[method];
      if (typeof handler !== "function") return false;

      const requestId = crypto.randomUUID();
      // The handler's headers, listed once: the Request is made from the list, and the pipeline
      // reads them through a map of the same values (joined as Headers joins repeated ones).
      const list: [string, string][] = [];
      const byName = new Map<string, string>();
      const put = (name: string, value: string) => {
        list.push([name, value]);
        const before = byName.get(name);
        byName.set(name, before === undefined ? value : `${before}, ${value}`);
      };
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined || name.startsWith("x-agentcare-")) continue;
        // Unless proxies are trusted, the host a client names is the only one it gets.
        if (!trusted && name === "x-forwarded-host") continue;
        if (Array.isArray(value)) for (const v of value) put(name, v);
        else put(name, value);
      }
      if (!trusted && rawHost) put("x-forwarded-host", rawHost);
      const host = normalizeHost(rawHost);
      if (host) put("x-agentcare-host", host);
      put("x-agentcare-host-kind", hostClass.kind);
      put("x-agentcare-request-id", requestId);
      put("x-agentcare-path", pathname);
      if (search) put("x-agentcare-search", search);
      if (key) put("x-agentcare-tenant", key);
      if (target.pathTenant) put("x-agentcare-path-tenant", target.pathTenant);
      const headers = {
        get: (name: string) => byName.get(name.toLowerCase()) ?? null,
        has: (name: string) => byName.has(name.toLowerCase()),
      };

      // A request with a body (an upload, an import) gets a signal the client going away aborts, as
      // Next gives every request. A read does without: no handler reads the signal, and a Request
      // that follows one costs more than twice as much to make (its abort listener and finalizer).
      const hasBody = METHODS_WITH_BODY.has(method);
      let signal: AbortSignal | undefined;
      if (hasBody) {
        const abort = new AbortController();
        res.once("close", () => {
          if (!res.writableFinished) abort.abort();
        });
        signal = abort.signal;
      }
      const url = `http://localhost${target.path}${search}`;
      // A route that reads only what the pipeline reads gets that much for a request without a body.
      const request =
        !hasBody && acceptsRouteRequest(handler)
          ? bodilessRequest(url, method, headers)
          : new Request(url, {
              method,
              headers: list,
              body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
              duplex: "half",
              signal,
            } as RequestInit);

      let response: Response;
      try {
        const result = await runWithDirectRequest({ headers, cookies: parseCookieHeader(req.headers.cookie) }, () =>
          (handler as RouteHandler)(request, { params: Promise.resolve(match.params) }),
        );
        if (!(result instanceof Response)) throw new TypeError("a route handler returned something other than a Response");
        response = result;
      } catch (err) {
        // The pipeline answers every failure itself; reaching here is a fault of ours.
        logger.error({ err, requestId, path: target.path }, "unhandled error");
        response = Response.json(
          { error: { code: "internal", message: ERROR_CATALOGUE.internal.message } },
          { status: 500, headers: { "cache-control": "no-store" } },
        );
      }

      res.statusCode = response.status;
      for (const [name, value] of Object.entries(securityHeaders(NON_PAGE_CSP, https))) res.setHeader(name, value);
      res.setHeader("x-request-id", requestId);
      response.headers.forEach((value, name) => {
        if (name !== "set-cookie") res.setHeader(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.setHeader("set-cookie", cookies);
      await writeBody(req, res, response);
      return true;
    },
  };
}

/** Ends the response with a whole body and its length, gzip-compressed when asked for and it pays. */
async function endWhole(res: ServerResponse, whole: Uint8Array, compress: boolean): Promise<void> {
  let body = whole;
  if (compress && body.byteLength >= COMPRESS_FROM_BYTES) {
    body = await gzip(body);
    res.setHeader("content-encoding", "gzip");
  }
  res.setHeader("content-length", body.byteLength);
  res.end(body);
}

/** The response's body: one chunk with its length (gzip-compressed when the client accepts it and it pays), else streamed. */
async function writeBody(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  // A JSON answer of the pipeline: its text's bytes are its body (made on this path, it has no stream).
  const bytes = unreadJsonBytes(response);
  const body = response.body;
  if ((!body && bytes === undefined) || req.method === "HEAD" || response.status === 204 || response.status === 304) {
    await body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  const compress = acceptsGzip(req) && !res.hasHeader("content-encoding") && COMPRESSIBLE.test(String(res.getHeader("content-type") ?? ""));
  if (compress) varyOnEncoding(res);
  if (bytes !== undefined) {
    await body?.cancel().catch(() => undefined);
    await endWhole(res, bytes, compress);
    return;
  }
  // Not a JSON answer of ours, so it has a body (checked above).
  const reader = body!.getReader();
  try {
    const one = await reader.read();
    if (one.done) {
      res.end();
      return;
    }
    const two = await reader.read();
    if (two.done) {
      await endWhole(res, one.value, compress);
      return;
    }
    res.removeHeader("content-length");
    const out: NodeJS.WritableStream = compress ? zlib.createGzip() : res;
    if (compress) {
      res.setHeader("content-encoding", "gzip");
      (out as zlib.Gzip).pipe(res);
    }
    const write = async (chunk: Uint8Array) => {
      if (!out.write(chunk)) await new Promise<void>((resolve) => (out as zlib.Gzip).once("drain", resolve).once("close", resolve));
    };
    await write(one.value);
    await write(two.value);
    for (;;) {
      if (res.destroyed) break;
      const next = await reader.read();
      if (next.done) break;
      await write(next.value);
    }
    out.end();
  } catch (err) {
    // The body failed midway (or the client left): the status is already sent; cut the connection.
    logger.warn({ err }, "response body stopped");
    res.destroy();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
