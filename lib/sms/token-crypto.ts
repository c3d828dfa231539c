import "server-only";
import { decryptSecret, deriveKey, encryptSecret } from "@/lib/auth/mfa-codes";
import { authSecret } from "@/lib/auth/secret";

// An organization's Twilio auth token at rest: AES-256-GCM under a key derived from the
// application secret for this one purpose, with the organization id bound as associated data (a
// ciphertext copied to another organization does not decrypt).

function key(): Buffer {
  return deriveKey(authSecret(), "sms-auth-token-v1");
}

export function encryptAuthToken(orgId: string, token: string): string {
  return encryptSecret(key(), token, `sms:${orgId}`);
}

/** The token, or null when it cannot be read (altered, moved from another organization, key changed). */
export function decryptAuthToken(orgId: string, stored: string | null): string | null {
  if (!stored) return null;
  try {
    return decryptSecret(key(), stored, `sms:${orgId}`);
  } catch {
    return null;
  }
}
