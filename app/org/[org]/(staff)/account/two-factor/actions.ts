"use server";

import { z } from "zod";
import { confirmEnrolment, disableMfa, getMfaStatus, regenerateRecoveryCodes, startEnrolment } from "@/lib/auth/mfa";
import { UnauthenticatedError } from "@/lib/errors/app-error";
import { tenantAdminAction } from "@/lib/pipeline/tenant-admin-action";

// The signed-in member's own two-factor authentication. The user is always the session's — no
// input names one — and these actions stay open to a member whose organization requires
// two-factor authentication before they have turned it on.

const own = { permission: null, beforeMfaEnrolment: true, limitPerMinute: 20 } as const;
const codeInput = z.object({ code: z.string().trim().min(1, "Enter the code.").max(64) });

function userOf(scope: { by: { userId: string | null } }): string {
  if (!scope.by.userId) throw new UnauthenticatedError();
  return scope.by.userId;
}

export const mfaStatusAction = tenantAdminAction({ name: "account.mfa.status", schema: z.object({}), ...own }, async (_input, scope) =>
  getMfaStatus(userOf(scope)),
);

/** A new secret with its QR code; nothing changes for sign-in until a code confirms it. */
export const startMfaEnrolmentAction = tenantAdminAction(
  { name: "account.mfa.start", schema: z.object({}), ...own },
  async (_input, scope) => startEnrolment(userOf(scope)),
);

/** Turns two-factor on; the recovery codes are returned this once. */
export const confirmMfaEnrolmentAction = tenantAdminAction(
  { name: "account.mfa.confirm", schema: codeInput, ...own },
  async ({ code }, scope) => confirmEnrolment(userOf(scope), code, scope.request),
);

export const regenerateRecoveryCodesAction = tenantAdminAction(
  { name: "account.mfa.recovery_codes", schema: codeInput, ...own },
  async ({ code }, scope) => regenerateRecoveryCodes(userOf(scope), code, scope.request),
);

export const disableMfaAction = tenantAdminAction(
  {
    name: "account.mfa.disable",
    schema: z
      .object({ password: z.string().max(1024).optional(), code: z.string().trim().max(64).optional() })
      .refine((v) => Boolean(v.password || v.code), { message: "Enter your password or a current code.", path: ["password"] }),
    ...own,
  },
  async ({ password, code }, scope) => disableMfa(userOf(scope), { password, code }, scope.request),
);
