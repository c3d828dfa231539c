import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { currentOperator, isOperatorToken } from "@/lib/auth/operator";
import { getSession } from "@/lib/auth/session";
import type { MemberRole } from "@/lib/db/schema";
import { isUuid } from "@/lib/db/tenant";
import { NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { recordSecurityEvent } from "@/lib/security/events";
import { NotAMemberError, runAsMember } from "./guard";
import type { Permission } from "./permissions";
import { requestInfo } from "./request";
import { resolveTenantById } from "@/lib/organizations/lookup";

export type OrgAdminActor = { kind: "operator"; userId: string | null } | { kind: "member"; userId: string; role: MemberRole };

/**
 * /api/v1/organizations/{id}/… — an organization is changed only by its own members with the
 * permission, or by a platform operator (PLATFORM_ADMIN_TOKEN, or a signed-in operator account).
 */
export function orgAdminRoute<B extends z.ZodType | undefined = undefined>(
  options: { permission: Permission; body?: B },
  handler: (args: {
    orgId: string;
    body: B extends z.ZodType ? z.infer<B> : undefined;
    actor: OrgAdminActor;
    params: Record<string, string>;
  }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const info = await requestInfo();
    let userId: string | null = null;
    let orgId: string | null = null;
    try {
      const params = await context.params;
      const { id } = params;
      if (!id || !isUuid(id) || !(await resolveTenantById(id))) throw new NotFoundError("organization");
      orgId = id;
      let raw: unknown;
      if (options.body) {
        raw = await request.json().catch(() => {
          throw new ValidationError("The request body must be JSON.");
        });
      }
      const body = (options.body ? parseOrThrow(options.body, raw, "request body") : undefined) as B extends z.ZodType
        ? z.infer<B>
        : undefined;
      const respond = (result: unknown) =>
        result instanceof Response ? result : Response.json(result, { headers: { "x-request-id": info.requestId } });

      if (isOperatorToken((await headers()).get("authorization"))) {
        return respond(await handler({ orgId: id, body, actor: { kind: "operator", userId: null }, params }));
      }
      const operator = await currentOperator();
      if (operator) return respond(await handler({ orgId: id, body, actor: { kind: "operator", userId: operator.id }, params }));

      const session = await getSession();
      if (!session) throw new UnauthenticatedError();
      userId = session.user.id;
      // Authorise in one transaction, then act: the services open their own (never nested).
      const role = await runAsMember(
        {
          orgId: id,
          actor: { type: "user", userId },
          permission: options.permission,
          request: { requestId: info.requestId, ip: info.ip, userAgent: info.userAgent },
        },
        async (ctx) => ctx.role,
      );
      return respond(await handler({ orgId: id, body, actor: { kind: "member", userId, role }, params }));
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
          metadata: { api: true, admin: true },
        });
      }
      return errorResponse(err, info.requestId);
    }
  };
}
