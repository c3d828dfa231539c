import "server-only";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import { AppError, ConflictError, PlanLimitError, type ErrorDetails, type FieldErrors } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/catalogue";
import { loggablePath } from "@/lib/observability/log-path";
import { logger } from "@/lib/observability/logger";
import { countPlanLimitRefusal } from "@/lib/observability/metrics";
import { SecurityError } from "@/lib/security/errors";
import { recordSecurityEvent } from "@/lib/security/events";
import { callerUserId, type Caller } from "./authenticate";
import { RateLimitExceededError, rateLimitHeaders } from "./rate-limit";
import type { RequestFacts } from "./request";
import { jsonResponse } from "@/lib/http/json-response";

/** The one error body of the REST API, and the shape server actions report failures in. */
export type ErrorBody = { error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors; details?: ErrorDetails } };

export type Channel = "api" | "public_api" | "admin_api" | "platform_api" | "action" | "page";

/**
 * What the caller is told about a failure, after doing what every failure needs: a security event
 * for a SecurityError (recorded here and nowhere else), a log line with the request id for
 * anything that is not a user's error. Our own faults get a generic message with the reference.
 */
export async function describeFailure(
  err: unknown,
  facts: RequestFacts,
  caller: Caller | null,
  channel: Channel,
): Promise<ErrorBody["error"]> {
  if (err instanceof SecurityError) {
    await recordSecurityEvent({
      kind: err.event.kind,
      userId: callerUserId(caller),
      attemptedOrganizationId: err.event.attemptedOrganizationId,
      host: facts.host,
      path: facts.path,
      ip: facts.ip,
      userAgent: facts.userAgent,
      requestId: facts.requestId,
      metadata: { ...err.event.metadata, channel },
    });
  }
  // Log lines name the request, the path without its query or link token, and codes: the field
  // names of a refused input, never its values; a fault's error through the logger's serializer.
  const path = loggablePath(facts.path);
  if (err instanceof DatabaseUnavailableError) {
    // Ours, not the caller's: logged as a fault, answered 503 with Retry-After so clients back off.
    logger.error({ err: err.cause, requestId: facts.requestId, channel, path }, "database unreachable");
    return {
      code: "unavailable",
      message: `AgentCare is temporarily unavailable; please try again shortly. Reference: ${facts.requestId}`,
    };
  }
  if (err instanceof PlanLimitError) countPlanLimitRefusal(err.code);
  if (err instanceof AppError) {
    logger.debug(
      { requestId: facts.requestId, channel, path, code: err.code, fields: err.fieldErrors ? Object.keys(err.fieldErrors) : undefined },
      "request refused",
    );
    return {
      code: err.code,
      message: err.message,
      ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}),
      ...(err instanceof ConflictError && err.details ? { details: err.details } : {}),
    };
  }
  logger.error({ err, requestId: facts.requestId, channel, path }, "unhandled error");
  return { code: "internal", message: `Something went wrong on our side. Reference: ${facts.requestId}` };
}

function statusOf(err: unknown): number {
  return err instanceof AppError ? err.status : 500;
}

/** Seconds a client should wait before retrying when the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** A handler's result as JSON (a Response passes through), tagged with the request id. */
export function respond(result: unknown, facts: RequestFacts, headers: Record<string, string> = {}): Response {
  if (logger.isLevelEnabled("debug")) {
    logger.debug(
      { requestId: facts.requestId, path: loggablePath(facts.path), status: result instanceof Response ? result.status : 200 },
      "request answered",
    );
  }
  if (result instanceof Response) {
    result.headers.set("x-request-id", facts.requestId);
    for (const [name, value] of Object.entries(headers)) if (!result.headers.has(name)) result.headers.set(name, value);
    return result;
  }
  return jsonResponse(result, { headers: { "x-request-id": facts.requestId, ...headers } });
}

export async function respondWithError(err: unknown, facts: RequestFacts, caller: Caller | null, channel: Channel): Promise<Response> {
  const error = await describeFailure(err, facts, caller, channel);
  const status = statusOf(err);
  return jsonResponse({ error } satisfies ErrorBody, {
    status,
    headers: {
      "x-request-id": facts.requestId,
      "cache-control": "no-store",
      ...(err instanceof RateLimitExceededError ? rateLimitHeaders(err.state, Date.now(), true) : {}),
      ...(status === 503 ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {}),
    },
  });
}
