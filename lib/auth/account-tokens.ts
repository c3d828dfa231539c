import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { accountTokens, type AccountToken } from "@/lib/db/schema";
import type { PlatformTx } from "@/lib/db/tenant";
import { hashToken, randomToken } from "./links";

// Single-use, expiring proofs that someone reads an e-mail address. The token travels only in
// the e-mail; the database keeps its hash.

export type AccountTokenPurpose = "confirm_owner" | "password_reset";

export const CONFIRM_HOURS = 24;
export const RESET_MINUTES = 60;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export async function issueAccountToken(
  tx: PlatformTx,
  values: Omit<typeof accountTokens.$inferInsert, "tokenHash" | "id" | "usedAt" | "createdAt"> & { purpose: AccountTokenPurpose },
): Promise<string> {
  const token = randomToken();
  await tx.insert(accountTokens).values({ ...values, email: values.email.trim().toLowerCase(), tokenHash: hashToken(token) });
  return token;
}

/** The open token (unused, unexpired) for this purpose, optionally locked for update. */
export async function findOpenAccountToken(
  tx: PlatformTx,
  token: string,
  purpose: AccountTokenPurpose,
  { forUpdate = false, now = new Date() } = {},
): Promise<AccountToken | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const query = tx
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    );
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

export async function markAccountTokenUsed(tx: PlatformTx, id: string): Promise<void> {
  await tx.update(accountTokens).set({ usedAt: new Date() }).where(eq(accountTokens.id, id));
}
