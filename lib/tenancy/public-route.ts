import "server-only";
import type { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { tenantKey } from "@/lib/cache/keys";
import type { Organization } from "@/lib/db/schema";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/respond";
import { config } from "@/lib/config/env";
import { DEFAULT_ORGANIZATION_SLUG } from "./default-organization";
import { runAsPublic, type OpsContext } from "./guard";
import { tenantKeyFor } from "./host";
import { allowRequest } from "./rate-limit";
import { requestInfo, type RequestInfo } from "./request";
import { resolveTenant } from "@/lib/organizations/lookup";
import { headers } from "next/headers";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

class TooManyRequestsError extends AppError {
  constructor() {
    super("rate_limited", "Too many requests. Please wait a minute and try again.");
  }
}

function parse<S extends Schema | undefined>(schema: S, value: unknown, what: string): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  return parseOrThrow(schema, value, what) as Infer<S>;
}

/** The organization a public request is for: its host, or the /org/{slug} path on the root domain. */
export async function resolvePublicTenant(info: RequestInfo): Promise<Organization> {
  const h = await headers();
  const key = config().multiTenancy
    ? (tenantKeyFor(info.hostClass) ?? (info.hostClass.kind === "root" ? h.get("x-agentcare-path-tenant") : null))
    : DEFAULT_ORGANIZATION_SLUG;
  const organization = key ? await resolveTenant(key, info.host) : null;
  if (!organization) throw new NotFoundError("organization");
  if (organization.status !== "active") throw new ForbiddenError("This organization is not available.", "forbidden:organization_suspended");
  if (organization.subscriptionStatus === "cancelled") {
    throw new ForbiddenError("This organization's online services are not available.", "forbidden:subscription_cancelled");
  }
  return organization;
}

/**
 * Anonymous endpoints of a hospital's public site (online booking, manage links, waitlist). The
 * tenant comes from the host or /org/{slug} path only — never a header or the payload; the
 * patient is the audited actor; requests are rate-limited per organization and address.
 */
export function publicRoute<Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  options: { query?: Q; body?: B; limitPerMinute?: number },
  handler: (args: {
    query: Infer<Q>;
    body: Infer<B>;
    params: Record<string, string>;
    organization: Organization;
    ctx: OpsContext;
  }) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const info = await requestInfo();
    try {
      const organization = await resolvePublicTenant(info);
      // One allowance per endpoint: browsing times never uses up the bookings.
      const bucket = new URL(request.url).pathname.replace(/\/[A-Za-z0-9_.-]{20,}/g, "/:token");
      if (!allowRequest(tenantKey(organization.id, "public", bucket, info.ip ?? "unknown"), options.limitPerMinute ?? 60, 60_000)) {
        throw new TooManyRequestsError();
      }
      const url = new URL(request.url);
      const query = parse(options.query, Object.fromEntries(url.searchParams), "query") as Infer<Q>;
      let raw: unknown;
      if (options.body)
        raw = await request.json().catch(() => {
          throw new ValidationError("The request body must be JSON.");
        });
      const body = parse(options.body, raw, "request body") as Infer<B>;
      const params = await context.params;
      const result = await runAsPublic(
        { orgId: organization.id, request: { requestId: info.requestId, ip: info.ip, userAgent: info.userAgent } },
        (ctx) => handler({ query, body, params, organization, ctx }),
      );
      if (result instanceof Response) return result;
      return Response.json(result, { headers: { "x-request-id": info.requestId, "cache-control": "no-store" } });
    } catch (err) {
      return errorResponse(err, info.requestId);
    }
  };
}
