import crypto from "node:crypto";
import http from "node:http";
import { expect } from "@playwright/test";
import type { ErrorBody } from "./api";

/**
 * Distinct client addresses on the loopback network (all of 127.0.0.0/8 is local on Linux).
 *
 * The public endpoints are rate-limited per organization and client address
 * (lib/tenancy/public-route.ts), and the counter is shared by every public endpoint. Each simulated
 * patient therefore connects from an address of its own — a real TCP source address, not a header —
 * as separate patients on separate machines would. The second octet is random per test process so
 * that a restarted worker never reuses a previous worker's addresses within the limiter's minute.
 */
const NETWORK = 16 + crypto.randomInt(224);
let allocated = 0;

export function clientAddress(): string {
  allocated += 1;
  if (allocated >= 250 * 250) throw new Error("out of loopback client addresses");
  return `127.${NETWORK}.${Math.floor(allocated / 250)}.${(allocated % 250) + 1}`;
}

export function clientAddresses(count: number): string[] {
  return Array.from({ length: count }, () => clientAddress());
}

export type Reply<T = unknown> = { status: number; headers: http.IncomingHttpHeaders; text: string; body: T };

/**
 * One HTTP request to the e2e server at 127.0.0.1:{port of host}, naming the tenant in `Host:`,
 * from a chosen source address. No connection reuse (agent: false), so concurrent calls are really
 * concurrent connections.
 */
export function send<T = unknown>({
  host,
  path,
  method = "GET",
  body,
  headers = {},
  from,
  timeoutMs = 180_000,
  port: toPort,
}: {
  host: string;
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  from?: string;
  timeoutMs?: number;
  /** Connect to this port instead of the one in `host` (one instance behind a load balancer). */
  port?: number;
}): Promise<Reply<T>> {
  const port = toPort ?? Number(host.split(":")[1] ?? 80);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        localAddress: from,
        agent: false,
        headers: {
          host,
          accept: "application/json",
          ...(payload !== undefined ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body: parsed as T });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`${method} ${path} on ${host}: no answer in ${timeoutMs} ms`)));
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}

/** A hospital's public site as one anonymous client (one address) sees it. */
export class PublicSite {
  readonly from: string;

  constructor(
    readonly host: string,
    from?: string,
  ) {
    this.from = from ?? clientAddress();
  }

  /** The same site from another client address. */
  fromAddress(address: string): PublicSite {
    return new PublicSite(this.host, address);
  }

  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<Reply<T>> {
    return send<T>({ host: this.host, path, headers, from: this.from });
  }

  post<T = unknown>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Reply<T>> {
    return send<T>({ host: this.host, path, method: "POST", body, headers, from: this.from });
  }

  /** GET that must answer 200; returns the JSON body. */
  async json<T>(path: string): Promise<T> {
    const reply = await this.get<T>(path);
    expect(reply.status, `GET ${path} on ${this.host}: ${reply.text}`).toBe(200);
    return reply.body;
  }
}

/** The staff API with one member's session cookie (not rate-limited; sessions decide access). */
export class StaffSite {
  constructor(
    readonly host: string,
    private readonly cookie: string,
  ) {}

  get<T = unknown>(path: string): Promise<Reply<T>> {
    return send<T>({ host: this.host, path, headers: { cookie: this.cookie } });
  }

  post<T = unknown>(path: string, body: unknown = {}): Promise<Reply<T>> {
    return send<T>({ host: this.host, path, method: "POST", body, headers: { cookie: this.cookie } });
  }

  async json<T>(path: string): Promise<T> {
    const reply = await this.get<T>(path);
    expect(reply.status, `GET ${path} on ${this.host}: ${reply.text}`).toBe(200);
    return reply.body;
  }
}

/** Asserts the API's error contract on a raw reply: status, JSON `{ error: { code, message } }`, no data. */
export function expectError(reply: Reply, status: number, code?: string): ErrorBody {
  expect(reply.status, `expected ${status}, got ${reply.status}: ${reply.text}`).toBe(status);
  expect(reply.headers["content-type"] ?? "").toContain("application/json");
  const body = reply.body as ErrorBody & { data?: unknown };
  expect(body).not.toHaveProperty("data");
  expect(typeof body.error?.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code) expect(body.error.code, reply.text).toBe(code);
  return body;
}

/** Expects a 2xx status with a readable failure message. */
export function expectStatus(reply: Reply, status: number, what: string): void {
  expect(reply.status, `${what}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 500)}`).toBe(status);
}
