"use server";

import { ownUserId } from "@/lib/auth/mfa";
import { changeOwnPassword } from "@/lib/auth/password-change";
import { changePasswordInput } from "@/lib/auth/password-schemas";
import { tenantAdminAction } from "@/lib/pipeline/tenant-admin-action";

// The signed-in member's own password. The user is always the session's — no input names one.

/** Changes the password and ends every session of the account, this one included. */
export const changePasswordAction = tenantAdminAction(
  { name: "account.password.change", schema: changePasswordInput, permission: null, beforeMfaEnrolment: true, limitPerMinute: 10 },
  async ({ currentPassword, newPassword }, scope) => changeOwnPassword(ownUserId(scope), { currentPassword, newPassword }, scope.request),
);
