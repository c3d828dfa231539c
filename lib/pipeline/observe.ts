import "server-only";
import { statusOf } from "@/lib/errors/catalogue";
import { loggablePath } from "@/lib/observability/log-path";
import { logger } from "@/lib/observability/logger";
import { recordPageRequest, recordRequest, type Channel } from "@/lib/observability/metrics";
import { currentRequestContext, runWithRequestContext, type RequestContext } from "@/lib/observability/request-context";
import { ensureInstrumented } from "@/lib/observability/scrape";
import { meterRequest } from "@/lib/usage/meter";
import type { ActionResult } from "./action-result";
import type { RequestFacts } from "./request";

/** What one request's line and metrics say about it: a route template, never the raw path or query. */
export type Observation = { channel: Channel; method: string; route: string };

/**
 * The first and last step of every route handler and server action: runs the request with its
 * context (every log line it causes carries its id and, once known, the organization), then
 * writes the one request line, the HTTP metrics and the organization's usage.
 */
export async function observed<T>(
  facts: RequestFacts,
  observation: Observation,
  work: () => Promise<T>,
  statusOfResult: (result: T) => number,
) {
  ensureInstrumented();
  // A server action called while a page renders shares the page's request.
  const outer = currentRequestContext();
  const context: RequestContext = outer?.requestId === facts.requestId ? outer : { requestId: facts.requestId };
  const started = performance.now();
  let status = 500;
  try {
    const result = await runWithRequestContext(context, work);
    status = statusOfResult(result);
    return result;
  } finally {
    finish(context, observation, status, performance.now() - started);
  }
}

function finish(context: RequestContext, { channel, method, route }: Observation, status: number, ms: number): void {
  recordRequest({ route, method, status, channel, seconds: ms / 1000 });
  if (context.organizationId) meterRequest(context.organizationId, { apiKey: Boolean(context.apiKey) });
  logger.info(
    {
      requestId: context.requestId,
      organizationId: context.organizationId ?? null,
      userId: context.userId ?? null,
      channel,
      route,
      method,
      status,
      durationMs: Math.round(ms * 10) / 10,
    },
    "request",
  );
}

/** A route handler's status. */
export function responseStatus(response: Response): number {
  return response.status;
}

/** A server action's status: 200, or the status of its failure's code. */
export function actionStatus(result: ActionResult<unknown>): number {
  return result.ok ? 200 : statusOf(result.code);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROUTE_WORD = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * A page's path as a bounded label: ids become `[id]`, link tokens `[token]`, anything that is not
 * a plain route word `[param]`; no query. Pure.
 */
export function pageTemplate(path: string | null): string {
  const safe = loggablePath(path);
  if (!safe) return "/";
  const segments = safe
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      if (segment === "[token]" || segment === "[redacted]") return "[token]";
      if (UUID.test(segment)) return "[id]";
      return ROUTE_WORD.test(segment) ? segment : "[param]";
    });
  return `/${segments.join("/")}`;
}

/**
 * A tenant page's request, counted once per render when its organization is resolved: the
 * organization's usage, the request counter (channel "page") and a request line. Its time is
 * observed by the production server once the whole page has been sent (recordPageRequest). A copy
 * served by the page cache (lib/pipeline/page-cache.ts) is noted here too, marked as such.
 */
export function notePageRequest(
  facts: Pick<RequestFacts, "path" | "requestId">,
  organizationId: string | null,
  status: number,
  { fromPageCache = false }: { fromPageCache?: boolean } = {},
): void {
  ensureInstrumented();
  const route = pageTemplate(facts.path);
  recordPageRequest({ route, status, requestId: facts.requestId });
  if (organizationId) meterRequest(organizationId, { apiKey: false });
  logger.info(
    {
      requestId: facts.requestId,
      organizationId,
      userId: null,
      channel: "page",
      route,
      method: "GET",
      status,
      ...(fromPageCache ? { pageCache: "hit" } : {}),
    },
    "request",
  );
}
