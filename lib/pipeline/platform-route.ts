import "server-only";
import { observed, responseStatus } from "./observe";
import type { z } from "zod";
import type { Organization } from "@/lib/db/schema";
import { authenticate, type Caller, type CredentialKinds } from "./authenticate";
import { routeInput } from "./parse";
import { rateLimit, rateLimitHeaders, routeTemplate, type RateLimitState } from "./rate-limit";
import { guardRequest } from "./request-guard";
import { readRequest, type RequestFacts } from "./request";
import { assertServes, resolveTenant } from "./resolve-tenant";
import { respond, respondWithError } from "./respond";
import type { RouteContext } from "./tenant-route";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export type PlatformRouteOptions<Q, B> = {
  query?: Q;
  body?: B;
  /** Resolve the organization the address names (public policy); its data is still the services' to open. */
  tenant?: boolean;
  /** Which credentials count; false: do not look (health checks, next-auth's own endpoints). */
  credentials?: CredentialKinds | false;
  /** Per caller (address when anonymous) and route. */
  rateLimit?: { limit: number; windowMs?: number; message?: string; unless?: (caller: Caller) => boolean };
  maxBodyBytes?: number;
};

export type PlatformRouteArgs<Q, B, T> = {
  query: Q;
  body: B;
  params: Record<string, string>;
  organization: T;
  caller: Caller;
  facts: RequestFacts;
  request: Request;
};

/**
 * Platform endpoints that work outside one tenant's transaction (sign-up, the slug check, the org
 * switcher and hand-off, invitations, health, the OpenAPI document, next-auth): resolve tenant when
 * asked → authenticate → rate limit → parse → handler → respond. Whatever data they touch goes
 * through the platform or tenant wrappers inside the services they call.
 */
export function platformRoute<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  const T extends boolean = false,
>(
  options: PlatformRouteOptions<Q, B> & { tenant?: T },
  handler: (args: PlatformRouteArgs<Infer<Q>, Infer<B>, T extends true ? Organization : null>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const facts = await readRequest();
    const route = routeTemplate(new URL(request.url).pathname, (await context.params) ?? {});
    return observed(
      facts,
      { channel: "platform_api", method: request.method, route },
      async () => {
        let caller: Caller | null = null;
        try {
          const organization = options.tenant ? assertServes(await resolveTenant(facts), "public") : null;
          caller = options.credentials === false ? { kind: "anonymous" } : await authenticate(facts, options.credentials);
          // next-auth's own endpoints (credentials: false) post forms and carry their own CSRF token.
          if (options.credentials !== false) guardRequest(request, facts, caller);
          const params = (await context.params) ?? {};
          let limit: RateLimitState | null = null;
          if (options.rateLimit && !options.rateLimit.unless?.(caller)) {
            limit = await rateLimit({
              orgId: organization?.id ?? null,
              route: routeTemplate(new URL(request.url).pathname, params),
              caller,
              ip: facts.ip,
              limit: options.rateLimit.limit,
              windowMs: options.rateLimit.windowMs,
              message: options.rateLimit.message,
            });
          }
          const { query, body } = (await routeInput(request, options))();
          const result = await handler({
            query,
            body,
            params,
            organization: organization as T extends true ? Organization : null,
            caller,
            facts,
            request,
          });
          return respond(result, facts, { "cache-control": "no-store", ...(limit ? rateLimitHeaders(limit) : {}) });
        } catch (err) {
          return respondWithError(err, facts, caller, "platform_api");
        }
      },
      responseStatus,
    );
  };
}
