import "server-only";
import { eq } from "drizzle-orm";
import { organizations, securityEvents } from "@/lib/db/schema";
import { isUuid, withPlatform } from "@/lib/db/tenant";
import { countSecurityEvent } from "@/lib/observability/metrics";
import { logger } from "@/lib/observability/logger";
import { platformUsers } from "@/lib/users/platform-repository";
import { isAlertKind, raiseAlert } from "./alerts";

export type SecurityEventKind =
  | "cross_tenant_access"
  | "organization_mismatch"
  | "sign_in_throttled"
  | "handoff_rejected"
  | "cross_origin_request"
  | "mfa_enrolled"
  | "mfa_disabled"
  | "mfa_reset"
  | "mfa_code_failed"
  | "mfa_recovery_code_used"
  | "mfa_recovery_codes_regenerated"
  | "password_changed"
  | "sso_sign_in_refused";

export type SecurityEventInput = {
  kind: SecurityEventKind;
  userId?: string | null;
  attemptedOrganizationId?: string | null;
  host?: string | null;
  path?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  metadata?: Record<string, unknown>;
};

/** Records a security signal for operators, with the user's own organizations for context. */
export async function recordSecurityEvent(event: SecurityEventInput): Promise<void> {
  try {
    const { concerned, knownOrganizationId } = await withPlatform(
      async (tx) => {
        const userOrganizationIds = event.userId
          ? (await platformUsers(tx).listOwnMemberships({ userId: event.userId })).map((m) => m.organizationId)
          : [];
        await tx.insert(securityEvents).values({
          kind: event.kind,
          userId: event.userId ?? null,
          attemptedOrganizationId: event.attemptedOrganizationId ?? null,
          userOrganizationIds,
          host: event.host?.slice(0, 255) ?? null,
          path: event.path?.slice(0, 1024) ?? null,
          ip: event.ip ?? null,
          userAgent: event.userAgent?.slice(0, 512) ?? null,
          requestId: event.requestId ?? null,
          metadata: event.metadata ?? {},
        });
        // The metric names the organization only when it exists: a client-chosen id must not
        // become a label value.
        const attempted = event.attemptedOrganizationId;
        const [known] =
          attempted && isUuid(attempted)
            ? await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, attempted.toLowerCase()))
            : [];
        return { concerned: userOrganizationIds, knownOrganizationId: known?.id ?? null };
      },
      { userId: event.userId ?? null },
    );
    countSecurityEvent(event.kind, knownOrganizationId);
    if (isAlertKind(event.kind)) {
      // The organization attacked; for a locked-out account, the organizations it belongs to.
      const alerted = event.attemptedOrganizationId ? [event.attemptedOrganizationId] : concerned;
      for (const organizationId of alerted.length ? alerted : [null]) {
        raiseAlert({ kind: event.kind, organizationId, requestId: event.requestId ?? null });
      }
    }
    logger.warn(
      { kind: event.kind, userId: event.userId, attemptedOrganizationId: event.attemptedOrganizationId, requestId: event.requestId },
      "security event",
    );
  } catch (err) {
    logger.error({ err, requestId: event.requestId }, "could not record security event");
  }
}
