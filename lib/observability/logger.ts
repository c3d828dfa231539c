import "server-only";
import { config } from "@/lib/config/env";
import pino, { type DestinationStream, type Level, type LogFn, type Logger } from "pino";
import { REDACTED, redactionPaths } from "./redaction";
import { currentRequestContext } from "./request-context";
import { safeError } from "./safe-error";

// JSON lines on stdout. Never log patient data or secrets: ids, codes and request ids only.
// The nets under that rule, in this one place:
// - every error is described by safeError (type, codes, constraint, stack frames — never a query,
//   its parameters, a failing row or a driver's message): under `err`/`error` by the serializers,
//   anywhere deeper by the log formatter;
// - an error's message never becomes the line's message (pino's default for `logger.error(err)`);
// - the keys in ./redaction are censored at any depth pino can address.

export type LoggerOptions = { level: Level | "silent"; destination?: DestinationStream };

const ERROR_KEYS = new Set(["err", "error"]);
const MAX_DEPTH = 5;

/** Errors nested anywhere in a logged object, described safely (plain objects and arrays are copied, nothing else). */
function withSafeErrors(value: unknown, depth: number): unknown {
  if (value instanceof Error) return safeError(value);
  if (depth >= MAX_DEPTH || !value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => withSafeErrors(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSafeErrors(v, depth + 1)]));
}

function logObject(object: Record<string, unknown>): Record<string, unknown> {
  // `err` and `error` at the top are the serializers' (they see the raw error and its cause).
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, ERROR_KEYS.has(k) ? v : withSafeErrors(v, 1)]));
}

function errorsKeepTheirMessage(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  const [first, ...rest] = args as unknown[];
  if (first instanceof Error) {
    const message = typeof rest[0] === "string" ? rest.shift() : "error";
    return (method as (...a: unknown[]) => void).apply(this, [{ err: first }, message, ...rest]);
  }
  if (first && typeof first === "object" && rest.length === 0 && ("err" in first || "error" in first)) {
    return (method as (...a: unknown[]) => void).apply(this, [first, "error"]);
  }
  return (method as (...a: unknown[]) => void).apply(this, args);
}

/** Every line logged while a request is being handled names it (and its organization, once known). */
function requestMixin(): Record<string, unknown> {
  const context = currentRequestContext();
  if (!context) return {};
  return context.organizationId
    ? { requestId: context.requestId, organizationId: context.organizationId }
    : { requestId: context.requestId };
}

export function createLogger({ level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    mixin: requestMixin,
    base: { service: "agentcare" },
    serializers: { err: safeError, error: safeError },
    formatters: { log: logObject },
    hooks: { logMethod: errorsKeepTheirMessage },
    redact: { paths: redactionPaths(), censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger({ level: config().logLevel });
