import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { accountMessages, type AccountMessage } from "@/lib/db/schema";
import { withPlatform, type PlatformTx } from "@/lib/db/tenant";
import { oneLine } from "@/lib/notifications/compose";
import { nextAttemptDelayMs } from "@/lib/notifications/outbox-repository";

// The account outbox: e-mails about a person's sign-in identity rather than one hospital's work
// (confirming an address, resetting a password). Written in the transaction that causes them,
// sent by the worker; platform operators read them in the console when no mail server is set up.

export type AccountMessageKind =
  "confirm_address" | "owner_notice" | "password_reset" | "password_reset_unknown" | "password_changed" | "security_alert";

export async function enqueueAccountMessage(
  tx: PlatformTx,
  values: { kind: AccountMessageKind; toEmail: string; subject: string; bodyText: string },
): Promise<void> {
  await tx.insert(accountMessages).values({ ...values, toEmail: values.toEmail.trim().toLowerCase() });
}

/** Newest first, for platform operators. */
export async function listAccountMessages({ limit = 50 }: { limit?: number } = {}): Promise<AccountMessage[]> {
  return withPlatform((tx) => tx.select().from(accountMessages).orderBy(desc(accountMessages.createdAt)).limit(limit));
}

const heldBy = (id: string, claimToken: string) =>
  and(eq(accountMessages.id, id), eq(accountMessages.status, "sending"), eq(accountMessages.claimToken, claimToken));

/** The worker's side: due messages claimed under a lease (SKIP LOCKED), then marked sent or retried by the claim's holder. */
export const accountOutbox = {
  async claimDue({
    now,
    limit,
    leaseSeconds,
  }: {
    now: Date;
    limit: number;
    leaseSeconds: number;
  }): Promise<(AccountMessage & { claimToken: string; leaseExpiresAt: Date })[]> {
    return withPlatform(async (tx) => {
      const due = await tx
        .select({ id: accountMessages.id })
        .from(accountMessages)
        .where(
          or(
            and(eq(accountMessages.status, "pending"), lte(accountMessages.nextAttemptAt, now)),
            and(eq(accountMessages.status, "sending"), sql`coalesce(${accountMessages.leaseExpiresAt}, '-infinity') <= now()`),
          ),
        )
        .orderBy(asc(accountMessages.nextAttemptAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      if (!due.length) return [];
      const rows = await tx
        .update(accountMessages)
        .set({
          status: "sending",
          attempts: sql`${accountMessages.attempts} + 1`,
          claimToken: randomUUID(),
          leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
        })
        .where(
          inArray(
            accountMessages.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
      return rows as (AccountMessage & { claimToken: string; leaseExpiresAt: Date })[];
    });
  },
  async markSent({ id, claimToken, now }: { id: string; claimToken: string; now: Date }): Promise<boolean> {
    const done = await withPlatform((tx) =>
      tx
        .update(accountMessages)
        .set({ status: "sent", sentAt: now, lastError: null, claimToken: null, leaseExpiresAt: null })
        .where(heldBy(id, claimToken))
        .returning({ id: accountMessages.id }),
    );
    return done.length > 0;
  },
  async markRetry({
    id,
    claimToken,
    attempts,
    error,
    now,
  }: {
    id: string;
    claimToken: string;
    attempts: number;
    error: string;
    now: Date;
  }): Promise<boolean> {
    const done = await withPlatform((tx) =>
      tx
        .update(accountMessages)
        .set({
          status: "pending",
          lastError: error.slice(0, 500),
          nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)),
          claimToken: null,
          leaseExpiresAt: null,
        })
        .where(heldBy(id, claimToken))
        .returning({ id: accountMessages.id }),
    );
    return done.length > 0;
  },
  async release({ ids, claimToken }: { ids: string[]; claimToken: string }): Promise<void> {
    if (!ids.length) return;
    await withPlatform((tx) =>
      tx
        .update(accountMessages)
        .set({ status: "pending", attempts: sql`greatest(${accountMessages.attempts} - 1, 0)`, claimToken: null, leaseExpiresAt: null })
        .where(and(inArray(accountMessages.id, ids), eq(accountMessages.status, "sending"), eq(accountMessages.claimToken, claimToken))),
    );
  },
  async countPending(): Promise<number> {
    const [row] = await withPlatform((tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(accountMessages)
        .where(eq(accountMessages.status, "pending")),
    );
    return row?.n ?? 0;
  },
};

const SIGNATURE = "— AgentCare";

export function confirmAddressEmail({ organizationName, url, hours }: { organizationName: string; url: string; hours: number }) {
  const org = oneLine(organizationName, 120);
  return {
    subject: `Confirm your e-mail address to finish creating ${org}`,
    text: [
      "Hello,",
      "",
      `Your e-mail address was given as the first administrator of ${org} on AgentCare.`,
      `Confirm it within ${hours} hours to create your account (with the password you chose) and take charge of ${org}:`,
      oneLine(url, 1000),
      "",
      "If this was not you, ignore this message: nothing is created without your confirmation.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

export function ownerNoticeEmail({ organizationName, url, hours }: { organizationName: string; url: string; hours: number }) {
  const org = oneLine(organizationName, 120);
  return {
    subject: `Someone used your address to create ${org} on AgentCare`,
    text: [
      "Hello,",
      "",
      `Someone used your e-mail address to create ${org} on AgentCare and named you its first administrator.`,
      `You already have an AgentCare account. To accept, sign in with your own password and confirm within ${hours} hours:`,
      oneLine(url, 1000),
      "",
      "Your password has not been changed. If this was not you, ignore this message.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

export function passwordResetEmail({ url, minutes }: { url: string; minutes: number }) {
  return {
    subject: "Reset your AgentCare password",
    text: [
      "Hello,",
      "",
      `Someone (we hope you) asked to reset the password of your AgentCare account. Choose a new one within ${minutes} minutes:`,
      oneLine(url, 1000),
      "",
      "The link works once. Setting a new password signs you out everywhere.",
      "If you did not ask, ignore this message: your password stays as it is.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

export function passwordResetUnknownEmail() {
  return {
    subject: "AgentCare password reset",
    text: [
      "Hello,",
      "",
      "Someone asked to reset the password of an AgentCare account for this e-mail address, but there is no account for it.",
      "If this was not you, ignore this message.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

export function passwordChangedEmail() {
  return {
    subject: "Your AgentCare password was changed",
    text: [
      "Hello,",
      "",
      "The password of your AgentCare account was just changed, and every session was signed out.",
      "If this was not you, reset your password at once and tell your administrator.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}
