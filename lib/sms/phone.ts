// Phone numbers as text messages need them: E.164 (`+15551234567`). Pure and client-safe.
// A number typed without a country code is taken as North American (+1), the demo hospitals' and
// most installations' region; anything else must be written with its leading +.

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** The E.164 form of a stored or typed number, or null when it cannot be texted. */
export function toE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (!/^[+()0-9 .-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return isE164(`+${digits}`) ? `+${digits}` : null;
  if (trimmed.startsWith("00")) return isE164(`+${digits.slice(2)}`) ? `+${digits.slice(2)}` : null;
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  return null;
}

/** The last ten digits, what a stored number and a sender's number are first matched on. */
export function lastTenDigits(e164: string): string {
  return e164.replace(/\D/g, "").slice(-10);
}
