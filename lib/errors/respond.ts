import "server-only";
import { logger } from "@/lib/observability/logger";
import { AppError } from "./app-error";

export type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

/** JSON error for API clients: our AppErrors as they are, anything else logged and generic. */
export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.fieldErrors) body.error.fieldErrors = err.fieldErrors;
    return Response.json(body, { status: err.status, headers: { "x-request-id": requestId } });
  }
  logger.error({ err, requestId }, "unhandled error in API handler");
  return Response.json(
    { error: { code: "internal", message: `Something went wrong on our side. Reference: ${requestId}` } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}
