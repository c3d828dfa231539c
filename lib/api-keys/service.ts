import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { assertFeature } from "@/lib/billing/limits";
import { apiKeys, type ApiKey, type MemberRole } from "@/lib/db/schema";
import { isUuid, withTenant, type TenantTx } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError } from "@/lib/errors/app-error";

// A key reads `ac_<organization id, 32 hex>_<secret>`: the organization is public (as in
// X-Organization-ID), the secret is 32 random bytes kept only as a SHA-256 hash. The first 8
// characters of the secret are its visible prefix.
const TOKEN = /^ac_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

function compactId(orgId: string): string {
  return orgId.replace(/-/g, "");
}

function expandId(compact: string): string {
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

export type ApiKeyView = Pick<ApiKey, "id" | "name" | "role" | "createdAt" | "lastUsedAt" | "revokedAt" | "expiresAt"> & {
  display: string;
};

const RANK: Record<MemberRole, number> = { staff: 0, clinician: 1, admin: 2, owner: 3 };

/** Who is making a key: a member (with their role), or another API key. */
export type KeyCreator = { kind: "member"; role: MemberRole } | { kind: "api_key"; role: MemberRole };

/**
 * A key cannot be made by an API key at all (a leaked key could otherwise mint successors that
 * outlive its revocation), nor with a role above its maker's. Pure.
 */
export function keyCreationRefusal(creator: KeyCreator, role: MemberRole): ForbiddenError | null {
  if (creator.kind === "api_key") {
    return new ForbiddenError(
      "An API key cannot create API keys. Ask an administrator to create one in Settings.",
      "forbidden:api_key_escalation",
    );
  }
  if (RANK[role] > RANK[creator.role]) {
    return new ForbiddenError("You cannot create a key with a higher role than your own.", "forbidden:api_key_escalation");
  }
  return null;
}

export function viewOf(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    expiresAt: key.expiresAt,
    display: `ac_${compactId(key.organizationId).slice(0, 6)}…_${key.prefix}…`,
  };
}

/** Creates a key; the full token is returned this once and never again. */
export async function createApiKey(
  tx: TenantTx,
  orgId: string,
  {
    name,
    role,
    createdBy,
    expiresAt = null,
    creator,
  }: {
    name: string;
    role: Exclude<MemberRole, "owner">;
    createdBy: string | null;
    expiresAt?: Date | null;
    /** Who asks (the pipeline's caller); absent only for fixtures and the seed. */
    creator?: KeyCreator;
  },
): Promise<{ key: ApiKeyView; token: string }> {
  const refusal = creator ? keyCreationRefusal(creator, role) : null;
  if (refusal) throw refusal;
  await assertFeature(tx, orgId, "api_access");
  const secret = crypto.randomBytes(32).toString("base64url");
  const [row] = await tx
    .insert(apiKeys)
    .values({ organizationId: orgId, name, role, prefix: secret.slice(0, 8), secretHash: sha256(secret), createdBy, expiresAt })
    .returning();
  return { key: viewOf(row!), token: `ac_${compactId(orgId)}_${secret}` };
}

export async function listApiKeys(tx: TenantTx, orgId: string): Promise<ApiKeyView[]> {
  const rows = await tx.select().from(apiKeys).where(eq(apiKeys.organizationId, orgId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(viewOf);
}

export async function revokeApiKey(tx: TenantTx, orgId: string, id: string): Promise<void> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.organizationId, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new NotFoundError("api_key");
}

export function looksLikeApiKey(authorization: string | null): boolean {
  return Boolean(authorization?.startsWith("Bearer ac_"));
}

/**
 * The organization and role of a valid key that is neither revoked nor expired — or null. Checks the plan still includes
 * API access, and records when the key was last used (at most once a minute).
 */
export async function authenticateApiKey(authorization: string): Promise<{ orgId: string; keyId: string; role: MemberRole } | null> {
  const match = TOKEN.exec(authorization.slice("Bearer ".length).trim());
  if (!match) return null;
  const orgId = expandId(match[1]!);
  const secret = match[2]!;
  if (!isUuid(orgId)) return null;
  return withTenant(orgId, async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, orgId), eq(apiKeys.prefix, secret.slice(0, 8))));
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
    const given = Buffer.from(sha256(secret));
    const stored = Buffer.from(row.secretHash);
    if (given.length !== stored.length || !crypto.timingSafeEqual(given, stored)) return null;
    await assertFeature(tx, orgId, "api_access");
    const minuteAgo = new Date(Date.now() - 60_000);
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(
        and(eq(apiKeys.organizationId, orgId), eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, minuteAgo))),
      );
    return { orgId, keyId: row.id, role: row.role };
  }).catch((err) => {
    // An organization id that does not exist makes the tenant transaction find nothing.
    if (err instanceof NotFoundError) return null;
    throw err;
  });
}

export type NewApiKey = Awaited<ReturnType<typeof createApiKey>>;
