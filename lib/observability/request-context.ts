import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the current request has established so far: the id it is known by in logs and in the
 * `x-request-id` header, and, once the pipeline knows them, the organization and the caller. Ids
 * and names of routes only, never anything a patient typed.
 */
export type RequestContext = {
  requestId: string;
  organizationId?: string;
  userId?: string;
  /** The caller used an organization API key. */
  apiKey?: boolean;
};

// One store per process: Next bundles route handlers and server actions separately, and each
// bundle's copy of this module must see the same request.
const globalForContext = globalThis as unknown as { __agentcareRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.__agentcareRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` as the work of one request; everything it logs carries the request's id. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context, or undefined outside one (the worker, scripts). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Records what the pipeline has learned about the current request (no-op outside one). */
export function noteRequest(facts: Partial<Omit<RequestContext, "requestId">>): void {
  const context = storage.getStore();
  if (context) Object.assign(context, facts);
}
