import "server-only";
import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config/env";

/** The public base URL of an organization's site, for links in e-mails. */
export function organizationSiteUrl(slug: string, path = "/"): string {
  const scheme = config().publicUrlScheme;
  return `${scheme}://${slug}.${config().rootDomain}${path.startsWith("/") ? path : `/${path}`}`;
}

function sign(payload: string): string {
  return crypto.createHmac("sha256", authSecret()).update(payload).digest("base64url");
}

/**
 * A signed, expiring link token naming (purpose, organization, record). Stateless; the purpose
 * keeps a manage token from being replayed as anything else.
 */
export function signLinkToken({ purpose, orgId, id, expiresAt }: { purpose: string; orgId: string; id: string; expiresAt: Date }): string {
  const body = Buffer.from(JSON.stringify({ p: purpose, o: orgId, i: id, e: Math.floor(expiresAt.getTime() / 1000) })).toString(
    "base64url",
  );
  return `${body}.${sign(body)}`;
}

export function verifyLinkToken(token: string, purpose: string, now = new Date()): { orgId: string; id: string } | null {
  const [body, sig] = token.split(".");
  if (!body || !sig || token.length > 600) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const data = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { p: string; o: string; i: string; e: number };
    if (data.p !== purpose || data.e * 1000 < now.getTime()) return null;
    return { orgId: data.o, id: data.i };
  } catch {
    return null;
  }
}

export function randomToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
