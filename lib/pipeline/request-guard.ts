import "server-only";
import { AppError, ForbiddenError } from "@/lib/errors/app-error";
import type { RouteRequest } from "@/lib/http/route-request";
import { isSameOriginRequest } from "@/lib/tenancy/host";
import type { Caller } from "./authenticate";
import { isJsonContentType } from "./parse";
import type { RequestFacts } from "./request";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether the caller's credential is one a browser attaches by itself (the session cookie). */
function ridesOnCookie(caller: Caller): boolean {
  return caller.kind === "user" || (caller.kind === "operator" && caller.userId !== null);
}

function hasBody(request: Pick<RouteRequest, "headers">): boolean {
  const length = request.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return request.headers.has("transfer-encoding");
}

/**
 * The one check on how a state-changing REST request arrived, before anything is read or done:
 * - signed in by the session cookie → it must come from the same origin (Origin, else
 *   Sec-Fetch-Site: same-origin), or 403 `forbidden:cross_origin`. API keys and the operator
 *   token are sent deliberately by their holder, so they are exempt.
 * - a body that is not JSON → 415, whoever sends it (an HTML form cannot send JSON); except on a
 *   provider's webhook (`formBody`), which is anonymous, changes only what its signature allows,
 *   and reads its form body itself.
 * Pure apart from the error it throws.
 */
export function guardRequest(
  request: Pick<RouteRequest, "method" | "headers">,
  facts: RequestFacts,
  caller: Caller | null,
  { formBody = false }: { formBody?: boolean } = {},
): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (formBody && caller === null) return;
  if (caller && ridesOnCookie(caller) && !isSameOriginRequest(facts)) {
    throw new ForbiddenError("This request came from another site. Send it from AgentCare's own pages.", "forbidden:cross_origin");
  }
  if (hasBody(request) && !isJsonContentType(request.headers.get("content-type"))) throw new AppError("unsupported_media_type");
}
