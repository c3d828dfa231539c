import "server-only";
import { config } from "@/lib/config/env";
import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { REDACTED, redactionPaths } from "./redaction";
import { safeError } from "./safe-error";

// JSON lines on stdout. Never log patient data or secrets: ids, codes and request ids only.
// Two nets under that rule, in this one place: every error is serialized by safeError (type, codes,
// constraint, stack frames — never a query, its parameters or a driver's message), and the keys
// in ./redaction are censored at any depth pino can address.

export type LoggerOptions = { level: Level | "silent"; destination?: DestinationStream };

export function createLogger({ level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service: "agentcare" },
    serializers: { err: safeError, error: safeError },
    redact: { paths: redactionPaths(), censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger({ level: config().logLevel });
