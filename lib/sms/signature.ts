import crypto from "node:crypto";

// Twilio's request signature (X-Twilio-Signature): HMAC-SHA1, keyed by the account's auth token,
// over the full URL Twilio requested followed by every POST parameter's name and value, sorted by
// name; base64. The fake Twilio server of the tests signs its callbacks with the same function.

export type FormPairs = readonly (readonly [string, string])[];

export function twilioSignature(authToken: string, url: string, params: FormPairs): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + sorted.map(([name, value]) => `${name}${value}`).join("");
  return crypto.createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** Constant-time comparison of the signature sent with the one expected; a missing one never matches. */
export function signatureMatches(authToken: string, url: string, params: FormPairs, sent: string | null): boolean {
  if (!sent) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(sent);
  // Equal lengths for timingSafeEqual; a different length is a mismatch without comparing.
  if (given.length !== expected.length) {
    crypto.timingSafeEqual(expected, expected);
    return false;
  }
  return crypto.timingSafeEqual(expected, given);
}
