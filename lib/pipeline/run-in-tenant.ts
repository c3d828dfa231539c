import "server-only";
import { auditWriters, readEntry, withAuditedTenant } from "@/lib/audit/audited-tenant";
import { sealSoon } from "@/lib/audit/sealer";
import { auditRepo, type AuditActor, type AuditRequest } from "@/lib/audit/repository";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError } from "@/lib/errors/app-error";
import type { Permission } from "@/lib/tenancy/permissions";
import type { Actor, MemberContext, ServiceContext } from "@/lib/tenancy/service-context";
import { authorize, MissingPermissionError, type AuthorizeOptions } from "./authorize";

/**
 * A member's work in one tenant transaction: authorize (membership + permission), then `input`
 * (validation — after authorization, so a caller without the permission learns nothing about the
 * schema), then the handler, then its audit rows. A refusal is audited in its own transaction.
 */
export async function runAsMember<T, I = undefined>(
  {
    orgId,
    actor,
    permission,
    request,
    input,
    authorizeOptions,
  }: {
    orgId: string;
    actor: Actor;
    permission: Permission | null;
    request: AuditRequest;
    input?: () => I;
    authorizeOptions?: AuthorizeOptions;
  },
  handler: (ctx: MemberContext, input: I) => Promise<T>,
): Promise<T> {
  const userId = actor.type === "user" || actor.type === "operator" ? actor.userId : null;
  let auditActor: Awaited<ReturnType<typeof authorize>>["auditActor"] | null = null;
  try {
    return await withTenant(
      orgId,
      async (tx) => {
        const access = await authorize(tx, orgId, actor, permission, authorizeOptions);
        auditActor = access.auditActor;
        const parsed = input ? input() : (undefined as I);
        const audit = auditWriters(tx, orgId, access.auditActor, request);
        const ctx: MemberContext = {
          tx,
          orgId,
          actor,
          actorUserId: userId,
          role: access.role,
          permissions: access.permissions,
          request,
          ...audit.writers,
        };
        const result = await handler(ctx, parsed);
        await audit.flush();
        return result;
      },
      { userId },
    );
  } catch (err) {
    if (err instanceof MissingPermissionError) {
      // The handler's transaction never started work; the refusal gets its own.
      await withTenant(orgId, (tx) =>
        auditRepo(tx, orgId).record({
          actor: err.auditActor,
          action: "view",
          resourceType: "permission",
          resourceId: err.permission,
          outcome: "denied",
          request,
        }),
      );
    }
    const named = err instanceof ConflictError ? (err.details?.appointments ?? []) : [];
    if (auditActor && named.length) {
      // A refusal that names other appointments shows their patients: those reads are audited
      // although the work itself rolled back.
      const actorOf = auditActor;
      await withTenant(orgId, (tx) =>
        auditRepo(tx, orgId).append([
          readEntry(
            "view",
            "appointment",
            named.map((a) => ({ id: a.id, patientId: a.patientId })),
            actorOf,
            request,
          ),
        ]),
      );
      sealSoon(orgId);
    }
    throw err;
  }
}

const PATIENT: AuditActor = { type: "patient", role: "patient" };

/**
 * The public site's work (online booking, manage links, waitlist claims): no session or
 * membership, the patient is the audited actor; still one tenant transaction with its audit rows.
 */
export async function runAsPublic<T, I = undefined>(
  {
    orgId,
    request,
    input,
    actor = PATIENT,
  }: { orgId: string; request: AuditRequest; input?: () => I; /** Default: the patient. */ actor?: AuditActor },
  handler: (ctx: ServiceContext, input: I) => Promise<T>,
): Promise<T> {
  return withAuditedTenant({ orgId, actor, request }, (tx, writers) =>
    handler({ tx, orgId, actorUserId: null, request, ...writers }, input ? input() : (undefined as I)),
  );
}
