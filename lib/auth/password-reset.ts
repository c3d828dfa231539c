import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { config } from "@/lib/config/env";
import { accountTokens } from "@/lib/db/schema";
import { withPlatform } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors/app-error";
import { hashPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import { enqueueAccountMessage, passwordChangedEmail, passwordResetEmail, passwordResetUnknownEmail } from "./account-mail";
import { findOpenAccountToken, issueAccountToken, markAccountTokenUsed, RESET_MINUTES } from "./account-tokens";
import { endAllSessions } from "./sessions";
import { clearAccountFailures, takeAllowance } from "./throttle";

/** The one answer to a reset request, whether or not there is an account, and when throttled. */
export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that address, we sent it a link to choose a new password. The link works once, for one hour.";

/** The answer once a reset link has set the new password. */
export const RESET_DONE_MESSAGE = "Your password is changed and every session was signed out. Sign in with the new password.";

/**
 * Per caller and minute, for the REST endpoint and the page's action alike: one allowance under
 * the endpoint's route template, whichever door is used.
 */
export const RESET_REQUEST_RATE_LIMIT = { route: "/api/v1/account/password-reset", limit: 30 } as const;
export const RESET_COMPLETE_RATE_LIMIT = { route: "/api/v1/account/password-reset/[token]", limit: 20 } as const;

/** Reset requests: 3 an hour per address, 20 an hour per client address. */
export const RESET_ACCOUNT_LIMIT = 3;
export const RESET_IP_LIMIT = 20;
const RESET_WINDOW_MINUTES = 60;

export function platformUrl(path: string): string {
  return `${config().publicUrlScheme}://${config().rootDomain}${path}`;
}

/**
 * Sends a single-use reset link to the address if it has an account (and a note saying there
 * is none otherwise). Over the per-account or per-address allowance nothing is sent; the caller
 * answers RESET_REQUESTED_MESSAGE in every case.
 */
export async function requestPasswordReset({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  const address = email.trim().toLowerCase();
  const keys = [{ key: `reset-account:${address}`, limit: RESET_ACCOUNT_LIMIT }];
  if (ip) keys.push({ key: `reset-ip:${ip}`, limit: RESET_IP_LIMIT });
  if (!(await takeAllowance(keys, RESET_WINDOW_MINUTES))) return;
  await withPlatform(async (tx) => {
    const user = await platformUsers(tx).findByEmail({ email: address });
    if (!user) {
      await enqueueAccountMessage(tx, { kind: "password_reset_unknown", toEmail: address, ...asMail(passwordResetUnknownEmail()) });
      return;
    }
    const token = await issueAccountToken(tx, {
      purpose: "password_reset",
      email: user.email,
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
    });
    const mail = passwordResetEmail({ url: platformUrl(`/reset-password/${token}`), minutes: RESET_MINUTES });
    await enqueueAccountMessage(tx, { kind: "password_reset", toEmail: user.email, ...asMail(mail) });
  });
}

function asMail(mail: { subject: string; text: string }) {
  return { subject: mail.subject, bodyText: mail.text };
}

export const RESET_LINK_DEAD =
  "This reset link is not valid any more: it was used, has expired or a newer one was sent. Ask for a new one.";

/** Whether a reset link is still usable (the form is shown only then). */
export async function resetLinkIsOpen(token: string): Promise<boolean> {
  return Boolean(await withPlatform((tx) => findOpenAccountToken(tx, token, "password_reset")));
}

/**
 * Sets the new password through a reset link: once, within the hour. Every other open reset link
 * of the account dies with it, and every session of the account ends.
 */
export async function completePasswordReset({ token, password }: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(password);
  const done = await withPlatform(async (tx) => {
    const row = await findOpenAccountToken(tx, token, "password_reset", { forUpdate: true });
    if (!row?.userId) return null;
    await markAccountTokenUsed(tx, row.id);
    await tx
      .update(accountTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(accountTokens.userId, row.userId), eq(accountTokens.purpose, "password_reset"), isNull(accountTokens.usedAt)));
    await platformUsers(tx).setPasswordHash({ id: row.userId, passwordHash });
    const mail = passwordChangedEmail();
    await enqueueAccountMessage(tx, { kind: "password_changed", toEmail: row.email, subject: mail.subject, bodyText: mail.text });
    return { userId: row.userId, email: row.email };
  });
  if (!done) throw new ValidationError(RESET_LINK_DEAD, undefined, "invalid:link");
  await endAllSessions(done.userId);
  await clearAccountFailures(done.email);
}
