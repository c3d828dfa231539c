import fs from "node:fs";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";

export type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

const SESSION_COOKIE = /^(__Secure-)?agentcare\.session$/;

/** `name=value` of the session cookie saved in a storage-state file (for raw API calls). */
export function sessionCookieFrom(storageStatePath: string): string {
  const state = JSON.parse(fs.readFileSync(storageStatePath, "utf8")) as { cookies: { name: string; value: string }[] };
  const cookie = state.cookies.find((c) => SESSION_COOKIE.test(c.name));
  if (!cookie) throw new Error(`no session cookie in ${storageStatePath}`);
  return `${cookie.name}=${cookie.value}`;
}

/**
 * Raw HTTP against the e2e server with an explicit Host header. Chromium's host-resolver rules do
 * not apply to Playwright's request API, so every call goes to 127.0.0.1:{port} and names the
 * tenant host in `Host:`; the session travels as an explicit Cookie header (the cookie jar would
 * not send a `.agentcare.test` cookie to 127.0.0.1).
 */
export class TenantApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly cookie: string | null = null,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  /** The same client with another (or no) session. */
  as(cookie: string | null): TenantApi {
    return new TenantApi(this.request, cookie, this.extraHeaders);
  }

  get(host: string, path: string, headers: Record<string, string> = {}): Promise<APIResponse> {
    const port = host.split(":")[1] ?? "80";
    return this.request.get(`http://127.0.0.1:${port}${path}`, {
      headers: { host, accept: "application/json", ...this.extraHeaders, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
  }

  /** GET that must answer 200 with JSON; returns the body. */
  async json<T = unknown>(host: string, path: string, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.get(host, path, headers);
    expect(response.status(), `GET ${path} on ${host}: ${await response.text()}`).toBe(200);
    return (await response.json()) as T;
  }
}

/** Asserts the API's error contract: the status, JSON `{ error: { code, message } }`, and no data. */
export async function expectApiError(response: APIResponse, status: number, code?: string | RegExp): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status(), `expected ${status}, got ${response.status()}: ${text}`).toBe(status);
  expect(response.headers()["content-type"] ?? "").toContain("application/json");
  const body = JSON.parse(text) as ErrorBody & { data?: unknown };
  expect(body).not.toHaveProperty("data");
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  if (code)
    expect(body.error.code).toMatch(typeof code === "string" ? new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : code);
  return body;
}

export type OrganizationProfile = {
  data: { id: string; name: string; slug: string; branding: { displayName: string; primaryColor: string } };
};

export type AppointmentRow = { id: string; providerId: string; providerName: string; patientMrn: string; startsAt: string };
export type AppointmentsBody = { data: AppointmentRow[]; date: string; timeZone: string; scope: "own" | "organization" };
