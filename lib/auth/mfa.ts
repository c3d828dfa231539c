import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { auditRepo, type AuditRequest } from "@/lib/audit/repository";
import { organizationSettings, userMfa, type UserMfa } from "@/lib/db/schema";
import { withPlatform, withTenant, type TenantTx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors/app-error";
import { membershipsRepo } from "@/lib/memberships/repository";
import { recordSecurityEvent, type SecurityEventKind } from "@/lib/security/events";
import type { AdminScope } from "@/lib/tenancy/service-context";
import { verifyPassword } from "@/lib/users/password";
import { platformUsers } from "@/lib/users/platform-repository";
import {
  acceptedStep,
  decryptSecret,
  encryptSecret,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeDigest,
  recoveryCodeDigests,
  totpSecretKey,
} from "./mfa-codes";
import { authSecret } from "./secret";
import { endAllSessions } from "./sessions";
import { recordSignInFailure, signInLockedUntil } from "./throttle";

// Authenticator-app (TOTP) sign-in for a user: enrolment, the second step of sign-in, recovery
// codes, turning it off, an administrator's reset, and the organization rule that requires it.
// The secret is encrypted at rest and never logged; recovery codes are kept only as digests.

const WRONG_CODE = "That code is not right. Enter the current 6-digit code from your authenticator app.";

function key(): Buffer {
  return totpSecretKey(authSecret());
}

/** Who is acting and from where (security events carry it). */
export type MfaRequest = { ip?: string | null; userAgent?: string | null; requestId?: string | null; host?: string | null };

async function event(kind: SecurityEventKind, userId: string, request: MfaRequest = {}, metadata: Record<string, unknown> = {}) {
  await recordSecurityEvent({
    kind,
    userId,
    ip: request.ip,
    userAgent: request.userAgent,
    requestId: request.requestId,
    host: request.host,
    metadata,
  });
}

/** The signed-in user behind an administration scope (the two-factor page acts for them alone). */
export function ownUserId(scope: { by: { userId: string | null } }): string {
  if (!scope.by.userId) throw new UnauthenticatedError();
  return scope.by.userId;
}

/** The signed-in user's own account (the throttle and the authenticator label name its e-mail). */
async function accountOf(userId: string): Promise<{ id: string; email: string }> {
  const user = await withPlatform((tx) => platformUsers(tx).findById({ id: userId }), { userId });
  if (!user) throw new NotFoundError("user");
  return { id: user.id, email: user.email };
}

async function loadRow(userId: string): Promise<UserMfa | undefined> {
  return withPlatform(async (tx) => (await tx.select().from(userMfa).where(eq(userMfa.userId, userId)))[0], { userId });
}

export type MfaStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number };

export async function getMfaStatus(userId: string): Promise<MfaStatus> {
  const row = await loadRow(userId);
  const enabled = Boolean(row?.enabledAt && row.secretCiphertext);
  return { enabled, enabledAt: enabled ? row!.enabledAt : null, recoveryCodesLeft: enabled ? row!.recoveryCodeHashes.length : 0 };
}

export async function hasMfa(userId: string): Promise<boolean> {
  return (await getMfaStatus(userId)).enabled;
}

// ───────────── enrolment ─────────────

export type Enrolment = { secret: string; otpauthUri: string; qrCodeSvg: string };

/**
 * A new secret, kept encrypted as pending until a code from it confirms the enrolment. Refused
 * while two-factor authentication is on (turn it off first). Each call replaces the pending one.
 */
export async function startEnrolment(userId: string): Promise<Enrolment> {
  const user = await accountOf(userId);
  const secret = newTotpSecret();
  const pending = encryptSecret(key(), secret, user.id);
  await withPlatform(
    async (tx) => {
      const [row] = await tx.select().from(userMfa).where(eq(userMfa.userId, user.id)).for("update");
      if (row?.enabledAt)
        throw new ConflictError("settings", "Two-factor authentication is already on. Turn it off before setting it up again.");
      await tx
        .insert(userMfa)
        .values({ userId: user.id, pendingSecretCiphertext: pending })
        .onConflictDoUpdate({ target: userMfa.userId, set: { pendingSecretCiphertext: pending, updatedAt: new Date() } });
    },
    { userId: user.id },
  );
  const uri = otpauthUri(secret, user.email);
  const qrCodeSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret, otpauthUri: uri, qrCodeSvg };
}

/** The pending secret confirmed by a current code: two-factor is on; the ten recovery codes are returned this once. */
export async function confirmEnrolment(userId: string, code: string, request: MfaRequest = {}): Promise<string[]> {
  const user = await accountOf(userId);
  await assertNotLocked(user.email, request);
  const recoveryCodes = newRecoveryCodes();
  const outcome = await withPlatform(
    async (tx) => {
      const [row] = await tx.select().from(userMfa).where(eq(userMfa.userId, user.id)).for("update");
      if (row?.enabledAt) return "already_on" as const;
      if (!row?.pendingSecretCiphertext) return "not_started" as const;
      const secret = decryptSecret(key(), row.pendingSecretCiphertext, user.id);
      const step = acceptedStep(secret, code, null);
      if (step === null) return "wrong" as const;
      await tx
        .update(userMfa)
        .set({
          secretCiphertext: row.pendingSecretCiphertext,
          pendingSecretCiphertext: null,
          enabledAt: new Date(),
          lastUsedStep: step,
          recoveryCodeHashes: recoveryCodeDigests(recoveryCodes),
          updatedAt: new Date(),
        })
        .where(eq(userMfa.userId, user.id));
      return "on" as const;
    },
    { userId: user.id },
  );
  if (outcome === "already_on") throw new ConflictError("settings", "Two-factor authentication is already on.");
  if (outcome === "not_started") throw new ValidationError("Start the set-up again: no authenticator secret is waiting to be confirmed.");
  if (outcome === "wrong") {
    await countFailure(user, request, "enrolment");
    throw new ValidationError(WRONG_CODE, { code: [WRONG_CODE] });
  }
  await event("mfa_enrolled", user.id, request);
  return recoveryCodes;
}

// ───────────── the second step of sign-in ─────────────

export type SecondFactor = { method: "totp" } | { method: "recovery_code"; left: number };

/**
 * A current authenticator code (±30 s; never one already accepted: the accepted step is stored
 * atomically, so two requests with the same code cannot both pass) or one unused recovery code
 * (removed as it is accepted). Null when neither; the caller counts the failure.
 */
export async function verifySecondFactor(userId: string, input: string, at: number = Date.now()): Promise<SecondFactor | null> {
  const row = await loadRow(userId);
  if (!row?.enabledAt || !row.secretCiphertext) return null;
  const secret = decryptSecret(key(), row.secretCiphertext, userId);
  const step = acceptedStep(secret, input, null, at);
  if (step !== null) {
    const claimed = await withPlatform(
      (tx) =>
        tx
          .update(userMfa)
          .set({ lastUsedStep: step, updatedAt: new Date() })
          .where(
            and(
              eq(userMfa.userId, userId),
              isNotNull(userMfa.enabledAt),
              sql`(${userMfa.lastUsedStep} is null or ${userMfa.lastUsedStep} < ${step})`,
            ),
          )
          .returning({ userId: userMfa.userId }),
      { userId },
    );
    return claimed.length ? { method: "totp" } : null;
  }
  const digest = recoveryCodeDigest(input);
  if (!digest) return null;
  const used = await withPlatform(
    (tx) =>
      tx
        .update(userMfa)
        .set({ recoveryCodeHashes: sql`array_remove(${userMfa.recoveryCodeHashes}, ${digest})`, updatedAt: new Date() })
        .where(and(eq(userMfa.userId, userId), isNotNull(userMfa.enabledAt), sql`${digest} = any(${userMfa.recoveryCodeHashes})`))
        .returning({ left: sql<number>`cardinality(${userMfa.recoveryCodeHashes})` }),
    { userId },
  );
  if (!used.length) return null;
  return { method: "recovery_code", left: Number(used[0]!.left) };
}

/** A second factor at sign-in: the outcome recorded for operators (never the code itself). */
export async function signInSecondFactor(user: { id: string; email: string }, input: string, request: MfaRequest): Promise<boolean> {
  const result = await verifySecondFactor(user.id, input);
  if (!result) {
    await event("mfa_code_failed", user.id, request, { during: "sign_in" });
    return false;
  }
  if (result.method === "recovery_code") await event("mfa_recovery_code_used", user.id, request, { left: result.left });
  return true;
}

// ───────────── managing it (the user, with proof) ─────────────

async function assertNotLocked(email: string, request: MfaRequest) {
  if (await signInLockedUntil({ account: email, ip: request.ip ?? null })) {
    throw new ForbiddenError("Too many wrong codes. Please wait 15 minutes and try again.");
  }
}

/** Wrong codes outside sign-in count into the same throttle as sign-in failures. */
async function countFailure(user: { id: string; email: string }, request: MfaRequest, during: string) {
  await recordSignInFailure({ account: user.email, ip: request.ip ?? null });
  await event("mfa_code_failed", user.id, request, { during });
}

/** A current authenticator code (recovery codes do not count here): new recovery codes, the old ones void. */
export async function regenerateRecoveryCodes(userId: string, code: string, request: MfaRequest = {}): Promise<string[]> {
  const user = await accountOf(userId);
  await assertNotLocked(user.email, request);
  const result = await verifySecondFactor(user.id, code);
  if (!result || result.method !== "totp") {
    await countFailure(user, request, "regenerate_recovery_codes");
    throw new ValidationError(WRONG_CODE, { code: [WRONG_CODE] });
  }
  const codes = newRecoveryCodes();
  await withPlatform(
    (tx) =>
      tx
        .update(userMfa)
        .set({ recoveryCodeHashes: recoveryCodeDigests(codes), updatedAt: new Date() })
        .where(eq(userMfa.userId, user.id)),
    { userId: user.id },
  );
  await event("mfa_recovery_codes_regenerated", user.id, request);
  return codes;
}

/** Turns two-factor off with the account password or a current code (or a recovery code). */
export async function disableMfa(userId: string, proof: { password?: string; code?: string }, request: MfaRequest = {}): Promise<void> {
  const user = await accountOf(userId);
  await assertNotLocked(user.email, request);
  let ok = false;
  if (proof.code) ok = Boolean(await verifySecondFactor(user.id, proof.code));
  else if (proof.password) {
    const account = await withPlatform((tx) => platformUsers(tx).findById({ id: user.id }), { userId: user.id });
    ok = Boolean(account?.passwordHash && (await verifyPassword(account.passwordHash, proof.password)));
  }
  if (!ok) {
    await countFailure(user, request, "disable");
    const message = proof.code ? WRONG_CODE : "That password is not right.";
    throw new ValidationError(message, proof.code ? { code: [message] } : { password: [message] });
  }
  await deleteRow(user.id);
  await event("mfa_disabled", user.id, request);
}

async function deleteRow(userId: string): Promise<boolean> {
  const rows = await withPlatform((tx) => tx.delete(userMfa).where(eq(userMfa.userId, userId)).returning({ userId: userMfa.userId }), {
    userId,
  });
  return rows.length > 0;
}

/**
 * Removes a user's authenticator and recovery codes (a lost phone): they sign in with the password
 * alone again, and every session they had ends — whoever holds the lost phone's sessions is out.
 */
export async function resetMfa(userId: string): Promise<boolean> {
  const removed = await deleteRow(userId);
  await endAllSessions(userId);
  return removed;
}

/**
 * An administrator resets a member's two-factor authentication (lost phone). Only a member of
 * this organization (another organization's member is "not found"); never one's own (turn it off
 * instead); an owner's only by an owner. Audited in the organization and recorded for operators.
 */
export async function resetMemberMfa(scope: AdminScope, membershipId: string, request: AuditRequest & { host?: string | null } = {}) {
  const target = await withTenant(
    scope.orgId,
    async (tx) => {
      const member = await membershipsRepo(tx, scope.orgId).findForUpdate({ id: membershipId });
      if (!member) throw new NotFoundError("member");
      if (member.userId === scope.by.userId) {
        throw new ValidationError("To change your own two-factor authentication, use Two-factor authentication in your account menu.");
      }
      if (member.role === "owner" && scope.by.kind === "member" && scope.by.role !== "owner") {
        throw new ForbiddenError("Only an owner can reset an owner's two-factor authentication.", "forbidden:permission");
      }
      return member;
    },
    { userId: scope.by.userId },
  );
  const removed = await resetMfa(target.userId);
  await withTenant(
    scope.orgId,
    (tx) =>
      auditRepo(tx, scope.orgId).record({
        actor: scope.by.userId
          ? { type: "user", userId: scope.by.userId, role: scope.by.kind === "member" ? scope.by.role : "platform operator" }
          : { type: "system", role: "platform operator" },
        action: "update",
        resourceType: "member_mfa",
        resourceId: target.id,
        request,
        metadata: { reset: true, wasEnabled: removed },
      }),
    { userId: scope.by.userId },
  );
  await event("mfa_reset", target.userId, request, { organizationId: scope.orgId, byUserId: scope.by.userId });
  return { membershipId: target.id, wasEnabled: removed };
}

// ───────────── the organization rule ─────────────

/**
 * True when the organization requires two-factor authentication for staff and the transaction's
 * signed-in user (withTenant's userId) has not turned it on. The tenant role cannot read user_mfa;
 * app_current_user_has_mfa() answers for that one user only.
 */
export async function mfaMissingFor(tx: TenantTx, orgId: string): Promise<boolean> {
  const [row] = await tx
    .select({ missing: sql<boolean>`${organizationSettings.requireMfaForStaff} and not public.app_current_user_has_mfa()` })
    .from(organizationSettings)
    .where(eq(organizationSettings.organizationId, orgId));
  return Boolean(row?.missing);
}

/** The same question outside a request's transaction (the org switcher). */
export async function mfaMissingIn(orgId: string, userId: string): Promise<boolean> {
  return withTenant(orgId, (tx) => mfaMissingFor(tx, orgId), { userId });
}
