import { AppError } from "@/lib/errors/app-error";

// What a log line may say about an error. A driver's error carries the SQL text and its parameters
// (drizzle's "Failed query: … params: …" message, postgres.js's `query`, `parameters` and `detail`),
// a JSON or SMTP error quotes its input, a mail server's answer names the recipient. None of that
// may reach a log: we keep the error's type, its codes, a database constraint's name, where it was
// thrown (stack frames, without the message the stack starts with) and, only for our own errors
// (AppError: fixed, user-facing texts), the message. Pure; Edge-safe.

export type SafeError = {
  /** The error's class name (`PostgresError`, `DrizzleQueryError`, `TypeError`). */
  type: string;
  message?: string;
  /** A SQLSTATE, a Node system error code (ECONNREFUSED) or our catalogue code. */
  code?: string;
  /** The database constraint a statement violated. */
  constraint?: string;
  /** An SMTP reply code, an HTTP status. */
  status?: number;
  stack?: string;
  cause?: SafeError;
  errors?: SafeError[];
};

const IDENTIFIER = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_FRAMES = 15;
const MAX_DEPTH = 4;

function identifier(value: unknown): string | undefined {
  return typeof value === "string" && IDENTIFIER.test(value) ? value : undefined;
}

function typeName(err: object): string {
  const name = (err as { name?: unknown }).name;
  const ctor = (err as { constructor?: { name?: unknown } }).constructor?.name;
  // drizzle's DrizzleQueryError keeps Error's own name; its class says more.
  const named = name === "Error" ? undefined : identifier(name);
  return named ?? identifier(ctor) ?? "Error";
}

/** The stack's "at …" frames only: the lines before them repeat the message. */
function frames(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const lines = stack.split("\n").filter((line) => /^\s+at /.test(line));
  return lines.length ? lines.slice(0, MAX_FRAMES).join("\n") : undefined;
}

/** Whether a value is ours to quote: an AppError's message is a fixed text a user may read. */
function ours(err: object): err is AppError {
  return err instanceof AppError;
}

function fromError(err: object, depth: number): SafeError {
  const e = err as Record<string, unknown>;
  const safe: SafeError = { type: typeName(err) };
  if (ours(err)) safe.message = err.message;
  const code = identifier(e.code);
  if (code) safe.code = code;
  const constraint = identifier(e.constraint_name) ?? identifier(e.constraint);
  if (constraint) safe.constraint = constraint;
  const status = [e.responseCode, e.status, e.statusCode].find((v) => typeof v === "number" && Number.isInteger(v));
  if (typeof status === "number") safe.status = status;
  const stack = frames(e.stack);
  if (stack) safe.stack = stack;
  if (depth < MAX_DEPTH && e.cause !== undefined && e.cause !== null) safe.cause = toSafe(e.cause, depth + 1);
  if (depth < MAX_DEPTH && Array.isArray(e.errors)) safe.errors = e.errors.slice(0, 5).map((inner) => toSafe(inner, depth + 1));
  return safe;
}

function toSafe(value: unknown, depth: number): SafeError {
  if (value instanceof Error) return fromError(value, depth);
  if (value && typeof value === "object") {
    // next-auth hands its logger `{ error, … }`; anything else error-shaped is treated as an error.
    const inner = (value as { error?: unknown }).error;
    if (inner instanceof Error) return fromError(inner, depth);
    if ("stack" in value || "code" in value) return fromError(value, depth);
    return { type: "object" };
  }
  // A thrown string or number says nothing safe about itself.
  return { type: typeof value };
}

/** The loggable description of anything thrown. */
export function safeError(value: unknown): SafeError {
  return toSafe(value, 0);
}

/** One line for a script's console: type, code and constraint, and the message when it is ours. */
export function errorSummary(value: unknown): string {
  const parts: string[] = [];
  for (let e: SafeError | undefined = safeError(value), depth = 0; e && depth <= MAX_DEPTH; e = e.cause, depth++) {
    const codes = [e.code && `code ${e.code}`, e.constraint && `constraint ${e.constraint}`, e.status && `status ${e.status}`]
      .filter(Boolean)
      .join(", ");
    parts.push(`${e.type}${codes ? ` (${codes})` : ""}${e.message ? `: ${e.message}` : ""}`);
  }
  return parts.join(" ← caused by ");
}

/** Whether an error comes from the database driver (its text may quote SQL and values). */
function fromDatabase(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  const e = value as Record<string, unknown>;
  return "query" in e || "params" in e || "parameters" in e || "severity" in e || e.name === "PostgresError";
}

/**
 * What a script prints when it fails: a database error by its codes only (errorSummary), anything
 * else by its message — a script's own failures ("the embedded database is in use by process 12")
 * are what its operator needs to read.
 */
export function scriptFailure(value: unknown): string {
  if (fromDatabase(value) || !(value instanceof Error)) return errorSummary(value);
  const cause = value.cause instanceof Error ? ` (${scriptFailure(value.cause)})` : "";
  return `${value.message}${cause}`;
}
