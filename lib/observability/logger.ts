import "server-only";
import { config } from "@/lib/config/env";
import pino, { type DestinationStream, type Level, type LogFn, type Logger } from "pino";
import { REDACTED, SENSITIVE_KEYS } from "./redaction";
import { currentRequestContext } from "./request-context";
import { safeError } from "./safe-error";

// JSON lines on stdout. Never log patient data or secrets: ids, codes and request ids only.
// The nets under that rule, in this one place:
// - every error is described by safeError (type, codes, constraint, stack frames — never a query,
//   its parameters, a failing row or a driver's message): under `err`/`error` by the serializers,
//   anywhere deeper by the log formatter;
// - an error's message never becomes the line's message (pino's default for `logger.error(err)`);
// - the keys in ./redaction are censored five levels deep, by the log formatter (one walk per line).

export type LoggerOptions = { level: Level | "silent"; destination?: DestinationStream };

const ERROR_KEYS = new Set(["err", "error"]);
const SENSITIVE = new Set(SENSITIVE_KEYS);
/** Keys are censored at levels 0–4 (`email`, `a.email`, … `a.b.c.d.email`); objects deeper than that are left as they are. */
const MAX_DEPTH = 5;

/**
 * A logged value as it may be written: errors described safely, sensitive keys censored, plain
 * objects and arrays (and other objects' own fields) copied — in one walk, so a line costs one pass
 * over what it holds rather than one lookup per censored path.
 */
function loggable(value: unknown, depth: number): unknown {
  if (value instanceof Error) return safeError(value);
  if (depth >= MAX_DEPTH || !value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => loggable(v, depth + 1));
  // Dates, buffers, URLs: written as their JSON form, which holds no keys of ours.
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = SENSITIVE.has(k) && v !== undefined ? REDACTED : loggable(v, depth + 1);
  return copy;
}

function logObject(object: Record<string, unknown>): Record<string, unknown> {
  // `err` and `error` at the top are the serializers' (they see the raw error and its cause).
  const line: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    line[k] = ERROR_KEYS.has(k) ? v : SENSITIVE.has(k) && v !== undefined ? REDACTED : loggable(v, 1);
  }
  return line;
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
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger({ level: config().logLevel });
