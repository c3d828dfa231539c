/**
 * What the REST pipeline reads of a request: where it went, how, its headers and its body. A
 * `Request` is one. For a request without a body (GET, HEAD, OPTIONS) to a route that says it takes
 * one of these (takesRouteRequest), the production server's direct API path passes a plain object
 * instead of building a `Request`, whose constructor validates and copies every header and sets up
 * a body and a signal nobody reads.
 */
export type RouteRequest = {
  readonly url: string;
  readonly method: string;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  readonly body: ReadableStream<Uint8Array> | null;
};

// One mark per process, whichever bundle asks first: the route handlers and the server's direct
// API path are bundled apart.
const TAKES_ROUTE_REQUEST = Symbol.for("agentcare.takes-route-request");

/** Marks a route handler as reading only a RouteRequest of its first argument (its types say so). */
export function takesRouteRequest<F extends (request: RouteRequest, ...rest: never[]) => unknown>(handler: F): F {
  return Object.assign(handler, { [TAKES_ROUTE_REQUEST]: true });
}

/** Whether a route handler was marked by takesRouteRequest. */
export function acceptsRouteRequest(handler: unknown): boolean {
  return typeof handler === "function" && (handler as unknown as Record<symbol, unknown>)[TAKES_ROUTE_REQUEST] === true;
}

/** The RouteRequest of a request without a body. */
export function bodilessRequest(url: string, method: string, headers: RouteRequest["headers"]): RouteRequest {
  return { url, method, headers, body: null };
}
