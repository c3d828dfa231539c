"use server";

import { z } from "zod";
import { confirmEnrolment, disableMfa, getMfaStatus, ownUserId, regenerateRecoveryCodes, startEnrolment } from "@/lib/auth/mfa";
import { disableMfaInput, mfaCodeInput } from "@/lib/auth/mfa-schemas";
import { tenantAdminAction } from "@/lib/pipeline/tenant-admin-action";

// The signed-in member's own two-factor authentication. The user is always the session's — no
// input names one — and these actions stay open to a member whose organization requires
// two-factor authentication before they have turned it on.

export const mfaStatusAction = tenantAdminAction(
  { name: "account.mfa.status", schema: z.object({}), permission: null, beforeMfaEnrolment: true },
  async (_input, scope) => getMfaStatus(ownUserId(scope)),
);

/** A new secret with its QR code; nothing changes for sign-in until a code confirms it. */
export const startMfaEnrolmentAction = tenantAdminAction(
  { name: "account.mfa.start", schema: z.object({}), permission: null, beforeMfaEnrolment: true, limitPerMinute: 20 },
  async (_input, scope) => startEnrolment(ownUserId(scope)),
);

/** Turns two-factor on; the recovery codes are returned this once. */
export const confirmMfaEnrolmentAction = tenantAdminAction(
  { name: "account.mfa.confirm", schema: mfaCodeInput, permission: null, beforeMfaEnrolment: true, limitPerMinute: 20 },
  async ({ code }, scope) => confirmEnrolment(ownUserId(scope), code, scope.request),
);

export const regenerateRecoveryCodesAction = tenantAdminAction(
  { name: "account.mfa.recovery_codes", schema: mfaCodeInput, permission: null, beforeMfaEnrolment: true, limitPerMinute: 20 },
  async ({ code }, scope) => regenerateRecoveryCodes(ownUserId(scope), code, scope.request),
);

export const disableMfaAction = tenantAdminAction(
  { name: "account.mfa.disable", schema: disableMfaInput, permission: null, beforeMfaEnrolment: true, limitPerMinute: 20 },
  async ({ password, code }, scope) => disableMfa(ownUserId(scope), { password, code }, scope.request),
);
