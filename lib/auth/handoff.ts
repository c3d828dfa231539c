import "server-only";
import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { sessionHandoffs } from "@/lib/db/schema";
import { withPlatform } from "@/lib/db/tenant";

export const HANDOFF_TTL_SECONDS = 60;

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** A random single-use token; only its hash is stored. */
export async function createHandoff({
  userId,
  organizationId,
  targetHost,
}: {
  userId: string;
  organizationId: string;
  targetHost: string;
}): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await withPlatform((tx) =>
    tx.insert(sessionHandoffs).values({
      tokenHash: hashToken(token),
      userId,
      organizationId,
      targetHost,
      expiresAt: new Date(Date.now() + HANDOFF_TTL_SECONDS * 1000),
    }),
  );
  return token;
}

/** Redeems a token once, on the host it was made for, before it expires. */
export async function redeemHandoff({ token, host }: { token: string; host: string }) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await withPlatform((tx) =>
    tx
      .update(sessionHandoffs)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(sessionHandoffs.tokenHash, hashToken(token)),
          isNull(sessionHandoffs.usedAt),
          gt(sessionHandoffs.expiresAt, new Date()),
          eq(sessionHandoffs.targetHost, host),
        ),
      )
      .returning(),
  );
  return row ?? null;
}
