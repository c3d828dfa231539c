import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, deriveKey, encryptSecret } from "@/lib/auth/mfa-codes";
import { authSecret } from "@/lib/auth/secret";

// An endpoint's signing secret: Standard Webhooks' `whsec_` + base64 of 32 random bytes, shown to
// the admin once and kept encrypted (AES-256-GCM under a key derived for this purpose, the
// organization id bound as associated data), since every delivery is signed with it.

function key(): Buffer {
  return deriveKey(authSecret(), "webhook-secret-v1");
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function encryptWebhookSecret(orgId: string, secret: string): string {
  return encryptSecret(key(), secret, `webhook:${orgId}`);
}

/** The secret, or null when it cannot be read (altered, moved from another organization, key changed). */
export function decryptWebhookSecret(orgId: string, stored: string): string | null {
  try {
    return decryptSecret(key(), stored, `webhook:${orgId}`);
  } catch {
    return null;
  }
}
