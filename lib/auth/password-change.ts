import "server-only";
import { withPlatform } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { recordSecurityEvent } from "@/lib/security/events";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import { enqueueAccountMessage, passwordChangedEmail } from "./account-mail";
import { endAllSessions } from "./sessions";
import { clearAccountFailures, recordSignInFailure, signInLockedUntil } from "./throttle";

export type PasswordChangeRequest = { ip?: string | null; userAgent?: string | null; requestId?: string | null; host?: string | null };

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/**
 * The signed-in user changes their own password: the current one first (wrong guesses count into
 * the sign-in throttle), then the new one. Every session of the account ends — this browser's
 * too, so it signs in again with the new password — and the account is told by e-mail.
 */
export async function changeOwnPassword(
  userId: string,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
  request: PasswordChangeRequest = {},
): Promise<{ sessionsEnded: number }> {
  const account = await withPlatform((tx) => platformUsers(tx).findById({ id: userId }), { userId });
  if (!account) throw new NotFoundError("user");
  const keys = { account: account.email, ip: request.ip ?? null };
  if (await signInLockedUntil(keys)) {
    throw new ForbiddenError("Too many wrong passwords. Please wait 15 minutes and try again.");
  }
  const ok = Boolean(account.passwordHash && (await verifyPassword(account.passwordHash, currentPassword)));
  if (!ok) {
    await recordSignInFailure(keys);
    throw new ValidationError(WRONG_CURRENT_PASSWORD, { currentPassword: [WRONG_CURRENT_PASSWORD] });
  }
  if (currentPassword === newPassword) {
    const message = "Choose a password different from the current one.";
    throw new ValidationError(message, { newPassword: [message] });
  }
  const passwordHash = await hashPassword(newPassword);
  await withPlatform(
    async (tx) => {
      await platformUsers(tx).setPasswordHash({ id: userId, passwordHash });
      const mail = passwordChangedEmail();
      await enqueueAccountMessage(tx, { kind: "password_changed", toEmail: account.email, subject: mail.subject, bodyText: mail.text });
    },
    { userId },
  );
  const sessionsEnded = await endAllSessions(userId);
  await clearAccountFailures(account.email);
  await recordSecurityEvent({
    kind: "password_changed",
    userId,
    ip: request.ip,
    userAgent: request.userAgent,
    requestId: request.requestId,
    host: request.host,
  });
  return { sessionsEnded };
}
