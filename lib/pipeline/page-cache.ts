import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";
import { config } from "@/lib/config/env";
import { acceptsGzip, COMPRESS_FROM_BYTES, gzip, varyOnEncoding } from "@/lib/http/compression";
import { parseCookieHeader } from "@/lib/http/request-scope";
import type { Organization } from "@/lib/db/schema";
import { logger } from "@/lib/observability/logger";
import { findOrganization } from "@/lib/organizations/lookup";
import { publicFace, type PublicFace } from "@/lib/organizations/public-face";
import { DEFAULT_ORGANIZATION_SLUG } from "@/lib/tenancy/default-organization";
import { normalizeHost, requestAddress, tenantKeyFor } from "@/lib/tenancy/host";
import { newNonce } from "@/lib/security/headers";
import { notePageRequest } from "./observe";

/**
 * The production server's page cache: a tenant host's home page (`GET /`) as rendered for an
 * anonymous visitor.
 *
 * That page is a function of the organization, its branding and settings, the address it was asked
 * on and whether the client is a crawler — nothing about the visitor, and nothing that changes by
 * itself. Rendering it through React costs far more than those lookups, so the first anonymous
 * request renders it through Next as before and a copy is kept; later anonymous requests on the same
 * host get that copy while the organization and its public face are still the very objects the
 * render read (lib/cache/memory.ts hands every caller the same object while an entry lives, and
 * drops it on any change — on every instance with REDIS_URL — or after its few seconds). A change
 * to the branding, settings or organization therefore shows on the next request, as it would
 * without this cache.
 *
 * Each copy is a new response: a fresh CSP nonce (put wherever the render had its own: the policy,
 * the stylesheet preload header and the page's script tags), a fresh request id, the same security
 * headers, and the request line, metrics and usage a rendered page notes. A request with a cookie the
 * server reads (see holdsServerCookie), an Authorization header, a query, or Next's
 * client-navigation headers is rendered and not kept; a
 * render that is kept is made from the address headers only; and only a 200 HTML page without
 * cookies that does not hold its own request id (per-request content) is kept.
 */
export type PageCache = {
  /** Serves the request: a copy when one is current, else `render` (keeping a copy when it may). */
  handle(req: IncomingMessage, res: ServerResponse, render: () => unknown): Promise<void>;
};

/** What a page is rendered from: while these are the objects the caches hand out, a copy is current. */
type Current = { organization: Organization; face: PublicFace };

type Stored = Current & {
  /** The body split around the render's nonce: the copy is these parts joined with a new one. */
  parts: Buffer[];
  /** The render's nonce, replaced in the headers that carry it (the CSP, a preload link). */
  nonce: string;
  headers: [string, string | string[]][];
  size: number;
};

/** Headers not copied: per response, per connection, or rebuilt for each copy. */
const NOT_COPIED = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "etag",
  "x-request-id",
]);

/** Request headers that make a page the visitor's own, or ask Next for something other than the HTML document. */
const RENDERED_WHEN_PRESENT = [
  "authorization",
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];

/**
 * The request headers a kept render is made from; every other header is taken off the request
 * before it is rendered, so nothing a visitor sends beyond what the copy is filed under (the
 * address, https, the kind of client) can shape a page other visitors are given.
 */
const RENDERED_FROM = new Set([
  "host",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-forwarded-for",
  "user-agent",
  "accept",
  "connection",
]);

/**
 * Cookie names the server reads or that change what Next renders, compared without a
 * `__Secure-`/`__Host-` prefix or leading underscores, in lower case: AgentCare's own (the session
 * and its chunks, the language choice, single sign-on's flow), next-auth's, Next's (`NEXT_LOCALE`,
 * `__next_preview_data`) and draft mode's `__prerender_bypass`.
 */
const SERVER_COOKIE_PREFIXES = ["agentcare", "next", "prerender_bypass"];

/**
 * Whether a Cookie header holds a cookie the server reads. Any other cookie — a hospital's own
 * analytics or consent cookies, which a home page on the hospital's domain receives from its parent
 * domain — changes nothing the server renders, so such a visitor is given the kept copy like any
 * anonymous one. Pure.
 */
export function holdsServerCookie(header: string | string[] | undefined): boolean {
  const lines = Array.isArray(header) ? header : [header];
  return lines.some((line) =>
    parseCookieHeader(line).some(({ name }) => {
      const bare = name
        .replace(/^__(secure|host)-/i, "")
        .replace(/^_+/, "")
        .toLowerCase();
      return SERVER_COOKIE_PREFIXES.some((prefix) => bare.startsWith(prefix));
    }),
  );
}

/** How long a render being kept holds off other renders of the same key from being kept. */
const FILL_TIMEOUT_MS = 30_000;
const MAX_PAGE_BYTES = 1024 * 1024;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** What a request's copy is filed under, and the organization it names; null when it is rendered. Pure. */
export function pageCacheKey(
  req: Pick<IncomingMessage, "method" | "url" | "headers">,
  { trusted, rootDomain, multiTenancy }: { trusted: boolean; rootDomain: string; multiTenancy: boolean },
): { key: string; tenantKey: string; host: string | null } | null {
  if (req.method !== "GET" || req.url !== "/") return null;
  for (const name of RENDERED_WHEN_PRESENT) if (req.headers[name] !== undefined) return null;
  if (holdsServerCookie(req.headers.cookie)) return null;
  const { rawHost, hostClass, https } = requestAddress((name) => first(req.headers[name]), { trusted, rootDomain });
  if (hostClass.kind !== "tenant" && hostClass.kind !== "custom") return null;
  const tenantKey = multiTenancy ? tenantKeyFor(hostClass) : DEFAULT_ORGANIZATION_SLUG;
  if (!tenantKey || !rawHost) return null;
  // Next renders a page's metadata differently for crawlers.
  const client = getBotType(first(req.headers["user-agent"]) ?? "") ?? "browser";
  return { key: `${https ? "https" : "http"} ${client} ${rawHost.trim().toLowerCase()}`, tenantKey, host: normalizeHost(rawHost) };
}

/** The page cache, or null when switched off (PAGE_CACHE=false). */
export function createPageCache({ maxBytes = 64 * 1024 * 1024 }: { maxBytes?: number } = {}): PageCache | null {
  if (!config().pageCache) return null;
  const store = new LRUCache<string, Stored>({ maxSize: maxBytes, sizeCalculation: (entry) => entry.size, max: 2000 });
  /**
   * Keys a render is being kept for now, and since when: one at a time per key. One whose response
   * never closes is not waited for beyond FILL_TIMEOUT_MS.
   */
  const filling = new Map<string, number>();

  async function current(tenantKey: string, host: string | null): Promise<Current | null> {
    const organization = await findOrganization(tenantKey, host);
    if (!organization) return null;
    return { organization, face: await publicFace(organization.id) };
  }

  async function serve(req: IncomingMessage, res: ServerResponse, stored: Stored): Promise<void> {
    const nonce = newNonce();
    const nonceBytes = Buffer.from(nonce);
    const requestId = crypto.randomUUID();
    const pieces: Buffer[] = [];
    stored.parts.forEach((part, i) => {
      if (i > 0) pieces.push(nonceBytes);
      pieces.push(part);
    });
    let body = Buffer.concat(pieces);
    res.statusCode = 200;
    const renew = (value: string) => (value.includes(stored.nonce) ? value.split(stored.nonce).join(nonce) : value);
    for (const [name, value] of stored.headers) res.setHeader(name, typeof value === "string" ? renew(value) : value.map(renew));
    res.setHeader("x-request-id", requestId);
    if (acceptsGzip(req) && body.byteLength >= COMPRESS_FROM_BYTES) {
      body = await gzip(body);
      res.setHeader("content-encoding", "gzip");
      varyOnEncoding(res);
    }
    res.setHeader("content-length", body.byteLength);
    notePageRequest({ path: "/", requestId }, stored.organization.id, 200, { fromPageCache: true });
    res.end(body);
  }

  /** Lets Next render the page and keeps a copy of what it sends, if it is one to keep. */
  function renderAndKeep(req: IncomingMessage, res: ServerResponse, render: () => unknown, key: string, read: Current): unknown {
    const started = Date.now();
    filling.set(key, started);
    // Rendered from the headers the copy is filed under only (and uncompressed: each copy is
    // compressed around its own nonce).
    for (const name of Object.keys(req.headers)) if (!RENDERED_FROM.has(name)) delete req.headers[name];
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (overflow || chunk == null || typeof chunk === "function") return;
      const buffer =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buffer.byteLength;
      if (size > MAX_PAGE_BYTES) overflow = true;
      else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as ServerResponse["end"];
    res.once("close", () => {
      if (filling.get(key) === started) filling.delete(key);
      if (overflow || !res.writableFinished) return;
      const stored = keepable(res, Buffer.concat(chunks), read);
      if (stored) store.set(key, stored);
    });
    return render();
  }

  return {
    async handle(req, res, render) {
      let address: ReturnType<typeof pageCacheKey>;
      let read: Current | null;
      try {
        const { trustProxyHeaders: trusted, rootDomain, multiTenancy } = config();
        address = pageCacheKey(req, { trusted, rootDomain, multiTenancy });
        read = address ? await current(address.tenantKey, address.host) : null;
      } catch (err) {
        // The lookups failed (the database is away): the render answers as it would have.
        logger.warn({ code: (err as { code?: string }).code ?? (err as Error).name }, "page cache: lookup failed; rendering");
        address = null;
        read = null;
      }
      if (!address || !read) return void render();
      const stored = store.get(address.key);
      if (stored && stored.organization === read.organization && stored.face === read.face) {
        return serve(req, res, stored);
      }
      if (stored) store.delete(address.key);
      const since = filling.get(address.key);
      if (since !== undefined && Date.now() - since < FILL_TIMEOUT_MS) return void render();
      // A visitor who left during the lookups: its response has closed already, so there would be
      // nothing to keep (and no close to wait for).
      if (res.destroyed || req.socket.destroyed) return void render();
      renderAndKeep(req, res, render, address.key, read);
    },
  };
}

/** The copy to keep of a finished render, or null when it is not one to keep. */
function keepable(res: ServerResponse, body: Buffer, read: Current): Stored | null {
  if (res.statusCode !== 200) return null;
  if (!/^text\/html\b/i.test(String(res.getHeader("content-type") ?? ""))) return null;
  if (res.hasHeader("set-cookie") || res.hasHeader("content-encoding")) return null;
  const csp = String(res.getHeader("content-security-policy") ?? "");
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  const requestId = String(res.getHeader("x-request-id") ?? "");
  if (!nonce || !requestId) return null;
  // A page that shows its own request id is not the same for every visitor.
  if (body.includes(requestId)) return null;
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(nonce); at >= 0; at = body.indexOf(nonce, from)) {
    parts.push(body.subarray(from, at));
    from = at + nonce.length;
  }
  parts.push(body.subarray(from));
  const headers: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_COPIED.has(name)) continue;
    headers.push([name, Array.isArray(value) ? value : String(value)]);
  }
  return { parts, nonce, headers, size: body.byteLength + 2048, organization: read.organization, face: read.face };
}
