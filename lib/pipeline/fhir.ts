import "server-only";
import { organizationSiteUrl } from "@/lib/auth/links";
import type { Organization } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors/app-error";
import { peekJson } from "@/lib/http/json-response";
import { takesRouteRequest, type RouteRequest } from "@/lib/http/route-request";
import { operationOutcome, type FhirResource } from "@/lib/fhir/resources";
import { FHIR_TYPES, type FhirType } from "@/lib/fhir/search";
import type { Permission } from "@/lib/tenancy/permissions";
import type { MemberContext } from "@/lib/tenancy/service-context";
import { checkPermission } from "./authorize";
import { publicRoute, type PublicRouteArgs } from "./public-route";
import { tenantRoute, type RouteArgs, type RouteContext } from "./tenant-route";

export const FHIR_JSON = "application/fhir+json; charset=utf-8";

/** A FHIR resource as the response body. */
export function fhirJson(resource: FhirResource | Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(resource), { headers: { "content-type": FHIR_JSON, ...headers } });
}

/** A refusal of the REST pipeline told as FHIR: an OperationOutcome with the same status and headers. */
async function asFhir(response: Response): Promise<Response> {
  if (response.ok) return response;
  let error: { code?: string; message?: string } | undefined;
  try {
    error = ((await peekJson(response)) as { error?: { code?: string; message?: string } }).error;
  } catch {
    return response;
  }
  if (!error?.code) return response;
  const headers = new Headers(response.headers);
  headers.set("content-type", FHIR_JSON);
  headers.delete("content-length");
  return new Response(JSON.stringify(operationOutcome(response.status, error.code, error.message ?? "")), {
    status: response.status,
    headers,
  });
}

/**
 * A FHIR route for the organization's members and API keys: the REST API's pipeline (tenant,
 * caller, limits, one tenant transaction, audit); the resource type's permission is checked by
 * the handler (fhirTypeFor), its refusals answered as an OperationOutcome.
 */
export function fhirRoute(handler: (args: RouteArgs<undefined, undefined>) => Promise<Response>) {
  const route = tenantRoute({ permission: null }, handler);
  return takesRouteRequest(async (request: RouteRequest, context: RouteContext): Promise<Response> =>
    asFhir(await route(request, context)),
  );
}

/** A public FHIR route (the CapabilityStatement, the directory feed): publicRoute's pipeline, FHIR's refusals. */
export function fhirPublicRoute(
  options: { limitPerMinute?: number },
  handler: (args: PublicRouteArgs<undefined, undefined>) => Promise<Response>,
) {
  const route = publicRoute(options, handler);
  return async (request: Request, context: RouteContext): Promise<Response> => asFhir(await route(request, context));
}

const PERMISSION_FOR: Record<FhirType, Permission> = {
  Practitioner: "providers:read",
  Location: "appointments:read",
  Schedule: "appointments:read",
  Slot: "appointments:read",
  Appointment: "appointments:read",
  Patient: "patients:read",
};

/** The resource type a path names (404 for any other), and the caller's permission to read it (403). */
export function fhirTypeFor(ctx: MemberContext, name: string | undefined): FhirType {
  const type = FHIR_TYPES.find((t) => t === name);
  if (!type)
    throw new NotFoundError("fhir_type", "This FHIR endpoint serves Practitioner, Location, Schedule, Slot, Appointment and Patient.");
  checkPermission(ctx.actor, ctx.role, PERMISSION_FOR[type]);
  return type;
}

/** The organization's FHIR base, as links and full URLs name it. */
export function fhirBase(organization: Organization): string {
  return organizationSiteUrl(organization.slug, "/fhir/R4");
}
