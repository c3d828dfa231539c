import fs from "node:fs";
import { expect } from "@playwright/test";
import { e2eServerLogFile } from "../../scripts/e2e-logs";
import { E2E_PORT } from "./hosts";

export type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

/** The e2e server's JSON log lines so far. */
export function serverLines(): LogLine[] {
  const file = e2eServerLogFile(E2E_PORT);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as LogLine];
      } catch {
        return [];
      }
    });
}

/** The request line the server logged for `id` (polled: the server writes it as the response leaves). */
export async function requestLine(id: string): Promise<LogLine> {
  await expect.poll(() => serverLines().some((l) => l.requestId === id && l.msg === "request"), { timeout: 10_000 }).toBe(true);
  return serverLines().find((l) => l.requestId === id && l.msg === "request")!;
}
