import "server-only";
import pino from "pino";

// JSON lines on stdout. Never log patient data or secrets: ids, codes and request ids only.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "agentcare" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "cookie", "*.cookie"],
    censor: "[redacted]",
  },
});
