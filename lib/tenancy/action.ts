import "server-only";
import type { z } from "zod";
import { issuesToErrors } from "@/lib/validation/parse";
import { getSession } from "@/lib/auth/session";
import { AppError, NotFoundError, UnauthenticatedError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { recordSecurityEvent } from "@/lib/security/events";
import { NotAMemberError, runAsMember, type TenantContext } from "./guard";
import type { Permission } from "./permissions";
import { allowedTenantKey, requestInfo } from "./request";
import { resolveTenant } from "@/lib/organizations/lookup";

export type FieldErrors = Record<string, string[]>;
export type ActionResult<T = undefined> =
  { ok: true; data?: T; message?: string } | { ok: false; formError?: string; fieldErrors?: FieldErrors };

const PATH_KEY = /^\/org\/([^/]+)/;
// The tenant comes from the request, never from the payload.
const IGNORED_FIELDS = new Set(["organizationId", "organization_id", "orgId"]);

function formToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || IGNORED_FIELDS.has(key)) continue;
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * The one wrapper for server actions: tenant from the request, session, membership, permission,
 * zod (all field errors), one withTenant transaction with an audit writer, mapped errors.
 */
export function tenantAction<S extends z.ZodType, T = undefined>(
  options: { schema: S; permission: Permission },
  handler: (input: z.infer<S>, ctx: TenantContext) => Promise<{ data?: T; message?: string } | void>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const info = await requestInfo();
    let userId: string | null = null;
    let orgId: string | null = null;
    try {
      const requested = PATH_KEY.exec(info.path ?? "")?.[1] ?? null;
      const key = allowedTenantKey(info, info.hostClass.kind === "root" ? requested : null);
      const organization = key ? await resolveTenant(key, info.host) : null;
      if (!organization) throw new NotFoundError("organization");
      orgId = organization.id;
      const session = await getSession();
      if (!session) throw new UnauthenticatedError();
      userId = session.user.id;
      const parsed = options.schema.safeParse(formToObject(formData));
      if (!parsed.success) {
        const { formError, fieldErrors } = issuesToErrors(parsed.error);
        return { ok: false, formError: formError ?? "Please correct the highlighted fields.", fieldErrors };
      }
      const result = await runAsMember(
        {
          orgId,
          actor: { type: "user", userId, email: session.user.email, name: session.user.name },
          permission: options.permission,
          request: { requestId: info.requestId, ip: info.ip, userAgent: info.userAgent },
        },
        (ctx) => handler(parsed.data, ctx),
      );
      return { ok: true, ...(result ?? {}) };
    } catch (err) {
      if (err instanceof NotAMemberError) {
        await recordSecurityEvent({
          kind: "cross_tenant_access",
          userId,
          attemptedOrganizationId: orgId,
          host: info.host,
          path: info.path,
          ip: info.ip,
          userAgent: info.userAgent,
          requestId: info.requestId,
          metadata: { action: true },
        });
      }
      if (err instanceof AppError) return { ok: false, formError: err.message, fieldErrors: err.fieldErrors };
      logger.error({ err, requestId: info.requestId }, "unhandled error in server action");
      return { ok: false, formError: `Something went wrong on our side. Reference: ${info.requestId}` };
    }
  };
}
