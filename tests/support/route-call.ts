import type { Session } from "next-auth";
import { arriveAs } from "./request-context";

// Route handlers called directly, as a request to the hospital's host would reach them: the request
// context next/headers reads (host, path, session, headers) is set first, then the handler runs on
// a real Request. Needs the next/headers and session mocks of ./request-context.

/** The n-th caller address in a block ("10.61" → 10.61.0.1, 10.61.0.2 …, 10.61.1.0 after 249). */
export function callerAddress(block: string, n: number): string {
  return `${block}.${Math.floor(n / 250)}.${n % 250}`;
}

export type RouteCall = {
  host: string;
  method?: string;
  path: string;
  /** The caller's address (X-Forwarded-For): give each call its own, so per-caller rate limits stay out of the way. */
  from: string;
  headers?: Record<string, string>;
  /** Sent as JSON (with its content type) when given. */
  body?: unknown;
  session?: Session | null;
  run: (req: Request) => Promise<Response>;
};

/** The answer's status, headers and body text; each test file reads the body its own way. */
export async function callRoute({
  host,
  method = "GET",
  path,
  from,
  headers = {},
  body,
  session = null,
  run,
}: RouteCall): Promise<{ status: number; headers: Headers; text: string }> {
  const all: Record<string, string> = { "x-forwarded-for": from, ...headers };
  if (body !== undefined) all["content-type"] = "application/json";
  arriveAs({ host, path, session, headers: all });
  const response = await run(
    new Request(`http://${host}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}
