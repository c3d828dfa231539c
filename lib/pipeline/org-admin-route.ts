import "server-only";
import { observed, responseStatus } from "./observe";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import type { Permission } from "@/lib/tenancy/permissions";
import type { Administrator } from "@/lib/tenancy/service-context";
import { actorOf, authenticate, requireCaller, type Caller } from "./authenticate";
import { jsonOf, parseInput, readBody, type RawBody } from "./parse";
import { rateLimit, rateLimitHeaders, routeTemplate } from "./rate-limit";
import { guardRequest } from "./request-guard";
import { auditRequestOf, readRequest } from "./request";
import { resolveTenantById } from "./resolve-tenant";
import { respond, respondWithError } from "./respond";
import { runAsMember } from "./run-in-tenant";
import type { RouteContext } from "./tenant-route";

export type { Administrator as AdminActor } from "@/lib/tenancy/service-context";

/**
 * `/api/v1/organizations/{id}/…`: resolve tenant (the `{id}` in the path) → authenticate (operator
 * token or account, session) → rate limit → read body → authorize (membership + permission, in a
 * short tenant transaction; operators pass) → parse → handler → respond. The handler calls the
 * administration services, which open their own transactions (domain checks call DNS, which must
 * not hold one open).
 */
export function orgAdminRoute<B extends z.ZodType | undefined = undefined>(
  options: { permission: Permission; body?: B },
  handler: (args: {
    organization: Organization;
    orgId: string;
    body: B extends z.ZodType ? z.infer<B> : undefined;
    actor: Administrator;
    params: Record<string, string>;
  }) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const facts = await readRequest();
    const route = routeTemplate(new URL(request.url).pathname, (await context.params) ?? {});
    return observed(
      facts,
      { channel: "admin_api", method: request.method, route },
      async () => {
        let caller: Caller | null = null;
        try {
          const params = await context.params;
          const organization = await resolveTenantById(params.id);
          caller = await authenticate(facts, { operator: true });
          const signedIn = requireCaller(caller);
          guardRequest(request, facts, caller);
          const limit = await rateLimit({
            orgId: organization.id,
            route: routeTemplate(new URL(request.url).pathname, params),
            caller,
            ip: facts.ip,
          });
          const raw: RawBody = options.body ? await readBody(request) : null;
          const { role, body } = await runAsMember(
            {
              orgId: organization.id,
              actor: actorOf(signedIn),
              permission: options.permission,
              request: auditRequestOf(facts),
              input: () => (options.body ? parseInput(options.body, jsonOf(raw), "request body") : undefined),
            },
            async (ctx, input) => ({ role: ctx.role, body: input }),
          );
          const actor: Administrator =
            signedIn.kind === "operator"
              ? { kind: "operator", userId: signedIn.userId }
              : { kind: "member", userId: signedIn.kind === "user" ? signedIn.userId : null, role };
          return respond(
            await handler({
              organization,
              orgId: organization.id,
              body: body as B extends z.ZodType ? z.infer<B> : undefined,
              actor,
              params,
            }),
            facts,
            { "cache-control": "no-store", ...rateLimitHeaders(limit) },
          );
        } catch (err) {
          return respondWithError(err, facts, caller, "admin_api");
        }
      },
      responseStatus,
    );
  };
}
