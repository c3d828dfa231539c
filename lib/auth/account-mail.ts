import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { leasedQueue, type ClaimArgs, type Claimed, type ReleaseArgs, type RetryArgs, type SentArgs } from "@/lib/db/leased-queue";
import { accountMessages, type AccountMessage } from "@/lib/db/schema";
import { withPlatform, type PlatformTx } from "@/lib/db/tenant";
import { oneLine } from "@/lib/notifications/compose";

// The account outbox: e-mails about a person's sign-in identity rather than one hospital's work
// (confirming an address, resetting a password). Written in the transaction that causes them,
// sent by the worker; platform operators read them in the console when no mail server is set up.

export type AccountMessageKind =
  | "confirm_address"
  | "owner_notice"
  | "password_reset"
  | "password_reset_unknown"
  | "password_changed"
  | "security_alert"
  | "webhook_disabled";

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

const queue = (tx: PlatformTx) => leasedQueue(tx, accountMessages);

/** The worker's side: due messages claimed under a lease (SKIP LOCKED), then marked sent or retried by the claim's holder. */
export const accountOutbox = {
  claimDue: (args: ClaimArgs): Promise<Claimed<AccountMessage>[]> => withPlatform((tx) => queue(tx).claimDue(args)),
  markSent: (args: SentArgs): Promise<boolean> => withPlatform((tx) => queue(tx).markSent(args)),
  markRetry: (args: RetryArgs): Promise<boolean> => withPlatform((tx) => queue(tx).markRetry(args)),
  async release(args: ReleaseArgs): Promise<void> {
    if (args.ids.length) await withPlatform((tx) => queue(tx).release(args));
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
