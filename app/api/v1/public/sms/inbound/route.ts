import { config } from "@/lib/config/env";
import { publicRoute } from "@/lib/pipeline/public-route";
import { handleInboundSms } from "@/lib/sms/service";

export const dynamic = "force-dynamic";

// Twilio's "a message comes in" webhook, on the hospital's own host: the patient's reply (C, R,
// STOP, START, HELP …). Only a request carrying this organization's valid X-Twilio-Signature is
// acted on (403 otherwise, nothing changed). Answers TwiML.
export const POST = publicRoute(
  { form: true, maxBodyBytes: 16 * 1024, limitPerMinute: 300, auditActor: { type: "patient", role: "sms" } },
  async ({ ctx, request, facts, form }) => {
    const url = new URL(request.url);
    const scheme = facts.protocol === "https:" || config().publicUrlScheme === "https" ? "https" : "http";
    // The URL as Twilio requested it (before any rewrite), which is what it signed.
    const signedUrl = `${scheme}://${facts.authority ?? url.host}${facts.path ?? url.pathname}${facts.search ?? url.search}`;
    const answer = await handleInboundSms(ctx, {
      url: signedUrl,
      params: form ?? [],
      signature: request.headers.get("x-twilio-signature"),
    });
    return new Response(answer, { status: 200, headers: { "content-type": "text/xml; charset=utf-8" } });
  },
);
