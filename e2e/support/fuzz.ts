import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";
import { E2E_PORT } from "./hosts";

// What the HTTP fuzzer (e2e/fuzz.spec.ts) needs beside fast-check: a raw HTTP client that can send
// what a browser never would (repeated headers, lying lengths, bodies over the limit, malformed
// percent-encoding), the route files on disk (endpoints the OpenAPI document does not list yet
// still get fuzzed), and a fingerprint of every table of the e2e server's database.

export type FuzzRequest = {
  method: string;
  /** Already encoded: sent as is. */
  path: string;
  host: string;
  headers: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Loopback source address (anonymous callers, so per-address limits count each one apart). */
  from?: string;
  /** Another server than the main e2e one. */
  port?: number;
};

export type FuzzReply = { status: number; text: string; headers: http.IncomingHttpHeaders };

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export function sendRaw(request: FuzzRequest, timeoutMs = 60_000): Promise<FuzzReply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: "127.0.0.1",
        port: request.port ?? E2E_PORT,
        method: request.method,
        path: request.path,
        localAddress: request.from,
        // A request whose declared length differs from its body leaves the connection unusable:
        // never share it.
        agent: request.from || "content-length" in request.headers ? false : agent,
        headers: { host: request.host, ...request.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: response.headers }),
        );
        response.on("error", (err: NodeJS.ErrnoException) => {
          // The server closed the connection mid-answer: what Node's HTTP parser does after a body
          // that did not match its declared length. Not a server fault.
          if (err.message === "aborted" || err.code === "ECONNRESET") resolve({ status: 499, text: "", headers: response.headers });
          else reject(err);
        });
      },
    );
    outgoing.on("error", (err: NodeJS.ErrnoException) => {
      // The server may close the connection while a body over the limit is still being sent: it
      // answered (413) or refused the request line; neither is a server fault.
      if (err.code === "EPIPE" || err.code === "ECONNRESET") resolve({ status: 499, text: "", headers: {} });
      else reject(err);
    });
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`${request.method} ${request.path}: no answer in ${timeoutMs} ms`)));
    if (request.body !== undefined) outgoing.write(request.body);
    outgoing.end();
  });
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** Every `app/api/**\/route.ts` and `app/fhir/**\/route.ts` as an OpenAPI-style path with the methods it exports. */
export function routeFiles(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
        const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(full)).split(path.sep).join("/");
        const apiPath = `/${rel}`.replace(/\[\.\.\.(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");
        out.push({ path: apiPath, methods });
      }
    }
  };
  walk(path.join(process.cwd(), "app", "api"));
  walk(path.join(process.cwd(), "app", "fhir"));
  return out;
}

/** The e2e server's scratch database (scripts/e2e-server.ts writes its name), through the owner login. */
export function serverDatabaseUrl(): string | null {
  const base = process.env.DATABASE_URL;
  if (!base) return null;
  // E2E_SERVER_DATABASE names it for a server started by hand (Playwright clears test-results/).
  const database =
    process.env.E2E_SERVER_DATABASE ??
    (
      JSON.parse(fs.readFileSync(path.join(process.cwd(), "test-results", `server-${E2E_PORT}.json`), "utf8")) as {
        database: string | null;
      }
    ).database;
  if (!database) return null;
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

// Written by every request, whatever its outcome: the audit trail (reads and refusals are audited),
// security events (refusals), sign-in throttles. An API key's last use is stamped on each use.
const WRITTEN_BY_REFUSALS = new Set([
  "audit_logs",
  "security_events",
  "sign_in_throttles",
  "session_handoffs",
  // Refused requests are metered, and the security ones counted towards alerts.
  "organization_resource_usage",
  "security_alert_digests",
  "security_alert_webhooks",
]);
// Rows of otherwise-checked tables that refusals write: the alert e-mails among the account messages.
const WRITTEN_BY_REFUSALS_WHERE: Record<string, string> = { account_messages: "t.kind <> 'security_alert'" };
// Bookkeeping a request touches whatever its answer: an API key's last use, a session's last activity.
const VOLATILE_COLUMNS = ["last_used_at", "last_seen_at"];

/** Row count and a hash of every row of every table (but the few that every request writes). */
export async function databaseFingerprint(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      if (WRITTEN_BY_REFUSALS.has(name) || name.startsWith("__drizzle")) continue;
      const row = `(to_jsonb(t) ${VOLATILE_COLUMNS.map((c) => `- '${c}'`).join(" ")})::text`;
      const [result] = await sql.unsafe<{ n: string; h: string | null }[]>(
        `select count(*)::text as n, md5(string_agg(${row}, ',' order by ${row})) as h from public."${name}" t` +
          (WRITTEN_BY_REFUSALS_WHERE[name] ? ` where ${WRITTEN_BY_REFUSALS_WHERE[name]}` : ""),
      );
      out[name] = `${result?.n}:${result?.h ?? "-"}`;
    }
    return out;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
