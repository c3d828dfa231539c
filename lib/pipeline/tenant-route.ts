import "server-only";
import { observed, responseStatus } from "./observe";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import { takesRouteRequest, type RouteRequest } from "@/lib/http/route-request";
import { ApiKeyScopeError } from "@/lib/security/errors";
import type { Permission } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { actorOf, authenticate, requireCaller, type Caller } from "./authenticate";
import { routeInput } from "./parse";
import { apiKeyBudget, rateLimit, rateLimitHeaders, routeTemplate, tighter } from "./rate-limit";
import { guardRequest } from "./request-guard";
import { auditRequestOf, readRequest } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { respond, respondWithError } from "./respond";
import { runAsMember } from "./run-in-tenant";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
export type RouteContext = { params: Promise<Record<string, string>> };

export type RouteArgs<Q, B> = {
  query: Q;
  body: B;
  params: Record<string, string>;
  organization: Organization;
  ctx: MemberContext;
  request: RouteRequest;
};

export type TenantRouteOptions<Q, B> = {
  /** null: any member (or API key) of the organization. */
  permission: Permission | null;
  query?: Q;
  body?: B;
  /** Requests per minute per caller on this route (default by kind of caller). */
  limitPerMinute?: number;
  maxBodyBytes?: number;
};

/**
 * `/api/v1/…` for members and API keys: resolve tenant (host, path, X-Organization-ID, the key's
 * organization) → authenticate (session or API key) → rate limit → read body → in one tenant
 * transaction: authorize → parse → handler → audit → respond.
 */
export function tenantRoute<Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  options: TenantRouteOptions<Q, B>,
  handler: (args: RouteArgs<Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return takesRouteRequest(async (request: RouteRequest, context: RouteContext): Promise<Response> => {
    const facts = await readRequest();
    const params = (await context.params) ?? {};
    const route = routeTemplate(new URL(request.url).pathname, params);
    return observed(
      facts,
      { channel: "api", method: request.method, route },
      async () => {
        let caller: Caller | null = null;
        try {
          caller = await authenticate(facts, { apiKey: true });
          const keyOrgId = caller.kind === "api_key" ? caller.orgId : null;
          // The tenant first: a signed-out caller still gets 404 for an unknown organization.
          const organization = await resolveTenant(facts, { selector: true, apiKeyOrgId: keyOrgId });
          if (keyOrgId && organization.id !== keyOrgId) throw new ApiKeyScopeError(keyOrgId, organization.id);
          const member = requireCaller(caller);
          assertServes(organization, "members");
          guardRequest(request, facts, caller);
          const keyBudget = await apiKeyBudget(caller, organization.id, organization.plan);
          const routeLimit = await rateLimit({
            orgId: organization.id,
            route,
            caller,
            ip: facts.ip,
            limit: options.limitPerMinute,
          });
          const input = await routeInput(request, options);
          const result = await runAsMember(
            {
              orgId: organization.id,
              actor: actorOf(member),
              permission: options.permission,
              request: auditRequestOf(facts),
              input,
            },
            (ctx, input) => handler({ ...input, params, organization, ctx, request }),
          );
          return respond(result, facts, { "cache-control": "no-store", ...rateLimitHeaders(tighter(routeLimit, keyBudget)) });
        } catch (err) {
          return respondWithError(err, facts, caller, "api");
        }
      },
      responseStatus,
    );
  });
}
