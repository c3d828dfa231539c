import "server-only";
import { config } from "@/lib/config/env";

// Sending one text through Twilio's REST API: POST {base}/2010-04-01/Accounts/{sid}/Messages.json,
// form-encoded To, From and Body, HTTP Basic auth with the account SID and auth token.

export type OutgoingSms = { accountSid: string; authToken: string; from: string; to: string; body: string };
export type SendSms = (sms: OutgoingSms) => Promise<{ providerMessageId: string | null }>;

/** A refused or failed send: the HTTP status and Twilio's error code only (its message may quote the number). */
export class SmsDeliveryError extends Error {
  constructor(
    readonly status: number | null,
    readonly twilioCode: number | null,
  ) {
    super(`The SMS provider refused the message (HTTP ${status ?? "no answer"}${twilioCode ? `, error ${twilioCode}` : ""}).`);
    this.name = "SmsDeliveryError";
  }
}

/** Short enough to finish well inside the outbox lease's safety margin. */
const TIMEOUT_MS = 20_000;

export function twilioSender(baseUrl: string = config().twilioApiBaseUrl): SendSms {
  return async ({ accountSid, authToken, from, to, body }) => {
    const url = `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: new URLSearchParams({ To: to, From: from, Body: body }).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: "error",
      });
    } catch {
      throw new SmsDeliveryError(null, null);
    }
    const answer = (await response.json().catch(() => null)) as { sid?: unknown; code?: unknown } | null;
    if (!response.ok) throw new SmsDeliveryError(response.status, typeof answer?.code === "number" ? answer.code : null);
    return { providerMessageId: typeof answer?.sid === "string" ? answer.sid.slice(0, 64) : null };
  };
}
