import { ForbiddenError } from "@/lib/errors/app-error";
import type { SecurityEventKind } from "./events";

/**
 * A refusal that operators should hear about. The pipeline's respond step records one security
 * event for it (with who asked, from where), in one place; the caller sees a plain 403.
 */
export class SecurityError extends ForbiddenError {
  readonly event: { kind: SecurityEventKind; attemptedOrganizationId: string | null; metadata: Record<string, unknown> };

  constructor(message: string, code: ConstructorParameters<typeof ForbiddenError>[1], event: SecurityError["event"]) {
    super(message, code);
    this.event = event;
  }
}

/** A signed-in user (or a suspended member) asked for an organization they do not belong to. */
export class NotAMemberError extends SecurityError {
  constructor(organizationId: string, metadata: Record<string, unknown> = {}) {
    super("You are not a member of this organization.", "forbidden:not_a_member", {
      kind: "cross_tenant_access",
      attemptedOrganizationId: organizationId,
      metadata,
    });
  }
}

/** X-Organization-ID names one organization while the address names another. */
export class OrganizationMismatchError extends SecurityError {
  constructor(requestedOrganizationId: string, addressedOrganizationId: string) {
    super("X-Organization-ID names a different organization than this address.", "forbidden:organization_mismatch", {
      kind: "organization_mismatch",
      attemptedOrganizationId: requestedOrganizationId,
      metadata: { addressedOrganizationId },
    });
  }
}

/** An organization's API key used against another organization. */
export class ApiKeyScopeError extends SecurityError {
  constructor(keyOrganizationId: string, requestedOrganizationId: string) {
    super("This API key belongs to another organization.", "forbidden:api_key_organization", {
      kind: "organization_mismatch",
      attemptedOrganizationId: requestedOrganizationId,
      metadata: { apiKeyOrganizationId: keyOrganizationId },
    });
  }
}

/** A server action posted from another site. */
export class CrossOriginError extends SecurityError {
  constructor(origin: string | null) {
    super("This request came from another site.", "forbidden:cross_origin", {
      kind: "cross_origin_request",
      attemptedOrganizationId: null,
      metadata: { origin },
    });
  }
}
