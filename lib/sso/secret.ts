import "server-only";
import { decryptSecret, deriveKey, encryptSecret } from "@/lib/auth/mfa-codes";
import { authSecret } from "@/lib/auth/secret";

// An organization's OpenID Connect client secret at rest: AES-256-GCM under a key derived from
// the application secret for this one purpose, bound to the organization (a ciphertext copied to
// another organization does not decrypt).

const key = () => deriveKey(authSecret(), "sso-client-secret-v1");

export function encryptClientSecret(orgId: string, secret: string): string {
  return encryptSecret(key(), secret, `sso:${orgId}`);
}

/** The secret, or null when it cannot be read (altered, moved from another organization, key changed). */
export function decryptClientSecret(orgId: string, stored: string): string | null {
  try {
    return decryptSecret(key(), stored, `sso:${orgId}`);
  } catch {
    return null;
  }
}
