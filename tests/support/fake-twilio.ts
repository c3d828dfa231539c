import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for Twilio, for integration and end-to-end tests. It serves the Messages
// endpoint the way Twilio's REST API does (POST /2010-04-01/Accounts/{sid}/Messages.json, form
// fields To, From and Body, HTTP Basic auth with the account SID and auth token: 401 for anything
// else), records what it accepted, and builds the webhook requests Twilio sends when a patient
// replies, signed as Twilio signs them. The signing is written out here on its own, not borrowed
// from the application, so a mistake in the application's check cannot hide behind the same one.

export type SentSms = { accountSid: string; to: string; from: string; body: string; sid: string };

export type FakeTwilio = {
  /** What TWILIO_API_BASE_URL should be. */
  baseUrl: string;
  /** Messages accepted so far, oldest first. */
  messages: SentSms[];
  /** Requests refused (wrong credentials, missing fields, forced failures). */
  refused: { status: number; accountSid: string }[];
  /** An account the fake knows: its SID and auth token. */
  addAccount(accountSid: string, authToken: string): void;
  /** The next `count` sends answer 500 (a Twilio outage). */
  failNext(count: number): void;
  close(): Promise<void>;
};

/** A random account SID as Twilio's console shows one. */
export function fakeAccountSid(): string {
  return `AC${crypto.randomBytes(16).toString("hex")}`;
}

/** A random auth token (32 hex characters, like Twilio's). */
export function fakeAuthToken(): string {
  return crypto.randomBytes(16).toString("hex");
}

/**
 * X-Twilio-Signature as Twilio computes it: the full URL, then each POST parameter's name and
 * value in the order of their names, HMAC-SHA1 keyed by the auth token, base64.
 */
export function signLikeTwilio(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return crypto.createHmac("sha1", authToken).update(Buffer.from(data, "utf-8")).digest("base64");
}

/** The request Twilio posts to a hospital's webhook when a patient texts its number. */
export function twilioWebhookRequest({
  url,
  params,
  authToken,
  signature,
}: {
  url: string;
  params: Record<string, string>;
  /** Signs with this token; omit (and give no `signature`) for an unsigned request. */
  authToken?: string;
  /** A signature to send as it is (a forged or stale one). */
  signature?: string;
}): Request {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "TwilioProxy/1.1",
    "i-twilio-idempotency-token": crypto.randomUUID(),
  };
  const sig = signature ?? (authToken ? signLikeTwilio(authToken, url, params) : undefined);
  if (sig) headers["x-twilio-signature"] = sig;
  const body = new URLSearchParams(params).toString();
  // As on the wire: the pipeline tells a request with a body by its length.
  headers["content-length"] = String(Buffer.byteLength(body));
  return new Request(url, { method: "POST", headers, body });
}

/** The parameters of an incoming text as Twilio posts them. */
export function incomingSms({ accountSid, from, to, body }: { accountSid: string; from: string; to: string; body: string }) {
  return {
    ToCountry: "US",
    SmsMessageSid: `SM${crypto.randomBytes(16).toString("hex")}`,
    NumMedia: "0",
    SmsSid: `SM${crypto.randomBytes(16).toString("hex")}`,
    SmsStatus: "received",
    Body: body,
    To: to,
    NumSegments: "1",
    MessageSid: `SM${crypto.randomBytes(16).toString("hex")}`,
    AccountSid: accountSid,
    From: from,
    ApiVersion: "2010-04-01",
  };
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accounts = new Map<string, string>();
  const messages: SentSms[] = [];
  const refused: { status: number; accountSid: string }[] = [];
  let failures = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const answer = (status: number, body: Record<string, unknown>, accountSid = "") => {
        if (status >= 400) refused.push({ status, accountSid });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const match = MESSAGES_PATH.exec(req.url ?? "");
      if (req.method !== "POST" || !match)
        return answer(404, { code: 20404, message: "The requested resource was not found", status: 404 });
      const accountSid = decodeURIComponent(match[1]!);
      const [scheme, encoded] = (req.headers.authorization ?? "").split(" ");
      const [user, ...rest] = Buffer.from(encoded ?? "", "base64")
        .toString("utf8")
        .split(":");
      const password = rest.join(":");
      if (scheme !== "Basic" || user !== accountSid || !accounts.has(accountSid) || accounts.get(accountSid) !== password) {
        return answer(401, { code: 20003, message: "Authenticate", status: 401 }, accountSid);
      }
      if (failures > 0) {
        failures -= 1;
        return answer(500, { code: 20500, message: "Internal Server Error", status: 500 }, accountSid);
      }
      if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        return answer(400, { code: 21617, message: "Unsupported content type", status: 400 }, accountSid);
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const [to, from, body] = [form.get("To"), form.get("From"), form.get("Body")];
      if (!to || !from || !body)
        return answer(400, { code: 21604, message: "A 'To', 'From' and 'Body' are required", status: 400 }, accountSid);
      const sid = `SM${crypto.randomBytes(16).toString("hex")}`;
      messages.push({ accountSid, to, from, body, sid });
      answer(201, { sid, account_sid: accountSid, to, from, body, status: "queued", api_version: "2010-04-01" }, accountSid);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    messages,
    refused,
    addAccount: (sid, token) => void accounts.set(sid, token),
    failNext: (count) => {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
