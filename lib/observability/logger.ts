import "server-only";
import { config } from "@/lib/config/env";
import pino from "pino";

// JSON lines on stdout. Never log patient data or secrets: ids, codes and request ids only.
export const logger = pino({
  level: config().logLevel,
  base: { service: "agentcare" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie"],
    censor: "[redacted]",
  },
});
