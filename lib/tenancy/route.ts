import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { getSession } from "@/lib/auth/session";
import type { Organization } from "@/lib/db/schema";
import { isUuid } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { recordSecurityEvent } from "@/lib/security/events";
import { config } from "@/lib/config/env";
import { DEFAULT_ORGANIZATION_SLUG } from "./default-organization";
import { authenticateApiKey, looksLikeApiKey } from "@/lib/api-keys/service";
import { NotAMemberError, runAsMember, type Actor, type TenantContext } from "./guard";
import { tenantKeyFor } from "./host";
import type { Permission } from "./permissions";
import { requestInfo, type RequestInfo } from "./request";
import { resolveTenant, resolveTenantById } from "@/lib/organizations/lookup";

type Schema = z.ZodType;

class ApiKeyScopeError extends ForbiddenError {
  constructor(
    readonly keyOrganizationId: string,
    readonly requestedOrganizationId: string,
  ) {
    super("This API key belongs to another organization.", "forbidden:api_key_organization");
  }
}

class OrganizationMismatchError extends ForbiddenError {
  constructor(
    readonly requestedOrganizationId: string,
    readonly addressedOrganizationId: string,
  ) {
    super("X-Organization-ID names a different organization than this address.", "forbidden:organization_mismatch");
  }
}
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type RouteArgs<Q, B> = {
  query: Q;
  body: B;
  params: Record<string, string>;
  organization: Organization;
  ctx: TenantContext;
  request: Request;
};

/**
 * Which organization an API request addresses: the host it arrived on, else the /org/{slug} path,
 * else the X-Organization-ID selector. The selector never grants anything — membership decides.
 */
async function resolveApiTenant(info: RequestInfo, keyOrgId: string | null = null): Promise<Organization> {
  const h = await headers();
  const selector = h.get("x-organization-id")?.trim() || null;
  if (selector && !isUuid(selector)) throw new ValidationError("X-Organization-ID must be an organization id (UUID).");
  const hostKey = config().multiTenancy ? tenantKeyFor(info.hostClass) : DEFAULT_ORGANIZATION_SLUG;
  const pathKey = info.hostClass.kind === "root" ? h.get("x-agentcare-path-tenant") : null;

  let organization: Organization | null;
  if (hostKey || pathKey) {
    organization = await resolveTenant((hostKey ?? pathKey)!, info.host);
    if (!organization) throw new NotFoundError("organization");
    if (selector && selector !== organization.id) {
      throw new OrganizationMismatchError(selector, organization.id);
    }
  } else if (selector) {
    organization = await resolveTenantById(selector);
    if (!organization) throw new NotFoundError("organization");
  } else if (keyOrgId) {
    // An API key names its organization; no other selector is needed.
    organization = await resolveTenantById(keyOrgId);
    if (!organization) throw new NotFoundError("organization");
  } else {
    throw new ValidationError(
      "Say which organization this is for: use its own address, /org/{slug}/api/…, or the X-Organization-ID header.",
      undefined,
      "organization_required",
    );
  }
  if (organization.status !== "active") {
    throw new ForbiddenError("This organization's account is suspended.", "forbidden:organization_suspended");
  }
  if (organization.subscriptionStatus === "cancelled") {
    throw new ForbiddenError("This organization's AgentCare subscription is cancelled.", "forbidden:subscription_cancelled");
  }
  return organization;
}

function parse<S extends Schema | undefined>(schema: S, value: unknown, what: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  return parseOrThrow(schema, value, what) as Infer<S>;
}

/**
 * The only way /api/v1 handlers reach tenant data: tenant from the request, session, membership,
 * permission, zod-validated input, one withTenant transaction with an audit writer, JSON errors.
 */
export function tenantRoute<Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  options: { permission: Permission | null; query?: Q; body?: B },
  handler: (args: RouteArgs<Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const info = await requestInfo();
    let userId: string | null = null;
    let organization: Organization | null = null;
    try {
      // Read who is asking first, so a refused attempt is recorded with who it was; signed-out
      // callers still get 404 for an unknown tenant before the 401.
      const authorization = (await headers()).get("authorization");
      let actor: Actor;
      if (looksLikeApiKey(authorization)) {
        const key = await authenticateApiKey(authorization!);
        if (!key) throw new UnauthenticatedError("That API key is not valid or has been revoked.");
        organization = await resolveApiTenant(info, key.orgId);
        if (organization.id !== key.orgId) throw new ApiKeyScopeError(key.orgId, organization.id);
        actor = { type: "api_key", keyId: key.keyId, role: key.role };
      } else {
        const session = await getSession();
        userId = session?.user.id ?? null;
        organization = await resolveApiTenant(info);
        if (!session) throw new UnauthenticatedError();
        actor = { type: "user", userId: session.user.id, email: session.user.email, name: session.user.name };
      }
      const url = new URL(request.url);
      const query = parse(options.query, Object.fromEntries(url.searchParams), "query") as Infer<Q>;
      let rawBody: unknown = undefined;
      if (options.body) {
        try {
          rawBody = await request.json();
        } catch {
          throw new ValidationError("The request body must be JSON.");
        }
      }
      const body = parse(options.body, rawBody, "request body") as Infer<B>;
      const params = await context.params;
      const org = organization;
      const result = await runAsMember(
        {
          orgId: org.id,
          actor,
          permission: options.permission,
          request: { requestId: info.requestId, ip: info.ip, userAgent: info.userAgent },
        },
        (ctx) => handler({ query, body, params, organization: org, ctx, request }),
      );
      if (result instanceof Response) {
        result.headers.set("x-request-id", info.requestId);
        return result;
      }
      return Response.json(result, { headers: { "x-request-id": info.requestId } });
    } catch (err) {
      if (err instanceof ApiKeyScopeError) {
        await recordSecurityEvent({
          kind: "organization_mismatch",
          attemptedOrganizationId: err.requestedOrganizationId,
          host: info.host,
          path: info.path,
          ip: info.ip,
          userAgent: info.userAgent,
          requestId: info.requestId,
          metadata: { api: true, apiKeyOrganizationId: err.keyOrganizationId },
        });
      }
      if (err instanceof NotAMemberError || err instanceof OrganizationMismatchError) {
        const mismatch = err instanceof OrganizationMismatchError;
        await recordSecurityEvent({
          kind: mismatch ? "organization_mismatch" : "cross_tenant_access",
          userId,
          attemptedOrganizationId: mismatch ? err.requestedOrganizationId : (organization?.id ?? null),
          host: info.host,
          path: info.path,
          ip: info.ip,
          userAgent: info.userAgent,
          requestId: info.requestId,
          metadata: mismatch ? { api: true, addressedOrganizationId: err.addressedOrganizationId } : { api: true },
        });
      }
      return errorResponse(err, info.requestId);
    }
  };
}
