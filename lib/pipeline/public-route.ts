import "server-only";
import { observed, responseStatus } from "./observe";
import type { z } from "zod";
import type { AuditActor } from "@/lib/audit/repository";
import type { Organization } from "@/lib/db/schema";
import type { ServiceContext } from "@/lib/tenancy/service-context";
import { readFormBody, routeInput } from "./parse";
import { rateLimit, rateLimitHeaders, routeTemplate } from "./rate-limit";
import { guardRequest } from "./request-guard";
import { auditRequestOf, readRequest, type RequestFacts } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { respond, respondWithError } from "./respond";
import { runAsPublic } from "./run-in-tenant";
import type { RouteContext } from "./tenant-route";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type PublicRouteArgs<Q, B> = {
  query: Q;
  body: B;
  params: Record<string, string>;
  organization: Organization;
  ctx: ServiceContext;
  request: Request;
  facts: RequestFacts;
  /** With `form`: the form-encoded body's name/value pairs, read before the transaction. */
  form: [string, string][] | null;
};

/**
 * Anonymous endpoints of a hospital's public site (online booking, manage links, waitlist):
 * resolve tenant (host or `/org/{slug}` path only — never a header or the payload) → anonymous →
 * rate limit per organization, route and address → read body → in one tenant transaction:
 * parse → handler (the patient is the audited actor) → respond, never cached.
 */
export function publicRoute<Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  options: {
    query?: Q;
    body?: B;
    limitPerMinute?: number;
    maxBodyBytes?: number;
    /** Who the audit trail names as the actor (default: the patient). */
    auditActor?: AuditActor;
    /** Read a form-encoded body (a provider's webhook) instead of JSON. */
    form?: boolean;
  },
  handler: (args: PublicRouteArgs<Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const facts = await readRequest();
    const route = routeTemplate(new URL(request.url).pathname, (await context.params) ?? {});
    return observed(
      facts,
      { channel: "public_api", method: request.method, route },
      async () => {
        try {
          const organization = assertServes(await resolveTenant(facts), "public");
          guardRequest(request, facts, null, { formBody: options.form === true });
          const params = await context.params;
          const limit = await rateLimit({
            orgId: organization.id,
            route: routeTemplate(new URL(request.url).pathname, params),
            caller: { kind: "anonymous" },
            ip: facts.ip,
            limit: options.limitPerMinute,
          });
          const input = await routeInput(request, options);
          const form = options.form ? await readFormBody(request, options.maxBodyBytes) : null;
          const result = await runAsPublic(
            {
              orgId: organization.id,
              request: auditRequestOf(facts),
              input,
              actor: options.auditActor,
            },
            (ctx, input) => handler({ ...input, params, organization, ctx, request, facts, form }),
          );
          return respond(result, facts, { "cache-control": "no-store", ...rateLimitHeaders(limit) });
        } catch (err) {
          return respondWithError(err, facts, null, "public_api");
        }
      },
      responseStatus,
    );
  };
}
