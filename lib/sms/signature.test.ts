import { describe, expect, it } from "vitest";
import { signatureMatches, twilioSignature } from "./signature";

// Twilio's own published example: auth token 12345, this URL and these parameters.
const URL_ = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS: [string, string][] = [
  ["To", "+18005551212"],
  ["CallSid", "CA1234567890ABCDE"],
  ["Caller", "+12349013030"],
  ["From", "+12349013030"],
  ["Digits", "1234"],
];

describe("Twilio request signature", () => {
  it("matches Twilio's published example, whatever order the parameters came in", () => {
    expect(twilioSignature("12345", URL_, PARAMS)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    expect(twilioSignature("12345", URL_, [...PARAMS].reverse())).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  });

  it("accepts only the exact signature: another token, URL, parameter value or a missing signature fails", () => {
    const good = twilioSignature("12345", URL_, PARAMS);
    expect(signatureMatches("12345", URL_, PARAMS, good)).toBe(true);
    expect(signatureMatches("54321", URL_, PARAMS, good)).toBe(false);
    expect(signatureMatches("12345", "https://other.example/myapp.php?foo=1&bar=2", PARAMS, good)).toBe(false);
    expect(signatureMatches("12345", URL_, [...PARAMS.slice(1), ["To", "+18005551213"]], good)).toBe(false);
    expect(signatureMatches("12345", URL_, PARAMS, null)).toBe(false);
    expect(signatureMatches("12345", URL_, PARAMS, "")).toBe(false);
    expect(signatureMatches("12345", URL_, PARAMS, `${good}x`)).toBe(false);
  });
});
