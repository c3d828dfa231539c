import "server-only";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/errors/app-error";
import type { ConflictKind, NotFoundResource } from "@/lib/errors/catalogue";
import { recordDatabaseUnreachable } from "./reachability";

type PgError = Error & {
  code?: string;
  column?: string;
  constraint_name?: string;
  constraint?: string;
  detail?: string;
};

// Constraint name → what the user is told. Names are fixed in lib/db/schema and drizzle/0001.
const CONFLICTS: Record<string, [conflict: ConflictKind, message: string]> = {
  appointments_no_overlap: ["appointment_overlap", "That time was just taken: the provider already has an appointment that overlaps it."],
  appointments_resource_no_overlap: [
    "resource_overlap",
    "That time was just taken: the room or equipment the visit needs is already booked.",
  ],
  locations_org_name_key: ["location_name", "A location with this name already exists."],
  resources_org_location_name_key: ["resource_name", "This location already has a resource with this name."],
  patients_org_mrn_key: ["patient_mrn", "A patient with this MRN already exists at this hospital."],
  patients_org_email_key: ["patient_email", "A patient with this e-mail address already exists at this hospital."],
  providers_org_email_key: ["provider_email", "A provider with this e-mail address already exists at this hospital."],
  providers_org_license_key: ["provider_license", "A provider with this licence number already exists at this hospital."],
  providers_org_user_key: ["provider_user", "This user is already linked to another provider here."],
  appointment_types_org_name_key: ["appointment_type_name", "An appointment type with this name already exists."],
  memberships_org_user_key: ["membership", "This person is already a member of this organization."],
  organizations_slug_key: ["organization_slug", "That address (slug) is already taken."],
  organization_domains_verified_domain_key: ["domain", "That domain is already in use by another organization."],
  organization_domains_org_domain_key: ["domain", "This organization already has that domain."],
  organization_domains_one_primary: ["primary_domain", "This organization already has a primary domain."],
  users_email_key: ["user_email", "An account with this e-mail address already exists."],
  organization_settings_pkey: ["settings", "Settings already exist for this organization."],
  organization_branding_pkey: ["branding", "Branding already exists for this organization."],
};

// A composite foreign key fails when the referenced row is not in *this* tenant: same answer as
// an id that does not exist.
const MISSING_REFERENCES: Record<string, NotFoundResource> = {
  appointments_patient_fk: "patient",
  appointments_provider_fk: "provider",
  appointments_type_fk: "appointment_type",
  appointments_location_fk: "location",
  appointments_resource_fk: "resource",
  resources_location_fk: "location",
  provider_locations_location_fk: "location",
  provider_locations_provider_fk: "provider",
  audit_logs_patient_fk: "patient",
  memberships_user_id_users_id_fk: "user",
  memberships_organization_id_organizations_id_fk: "organization",
};

const CHECK_MESSAGES: Record<string, string> = {
  patients_mrn_present: "The MRN cannot be empty.",
  patients_email_lower: "The e-mail address must be in lower case.",
  providers_email_lower: "The e-mail address must be in lower case.",
  organizations_slug_format: "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
  organizations_name_present: "Enter a name.",
  appointments_time_order: "An appointment must end after it starts.",
  appointments_max_length: "An appointment can last at most 24 hours.",
  organization_branding_primary_hex: "Colours must be hex values like #1d4ed8.",
  organization_branding_accent_hex: "Colours must be hex values like #1d4ed8.",
  organization_settings_duration_range: "The default duration must be between 5 and 480 minutes.",
  organization_settings_horizon_range: "The booking horizon must be between 1 and 730 days.",
  organization_settings_notice_range: "The minimum notice must be between 0 and 43,200 minutes.",
  organization_settings_cancel_window_range: "The cancellation window must be between 0 and 720 hours.",
};

function pgCause(err: unknown): PgError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as PgError;
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns a database error a user can cause into a typed AppError; anything else is rethrown as is. */
export function mapDatabaseError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (isDatabaseUnreachable(err)) {
    recordDatabaseUnreachable();
    return new DatabaseUnavailableError(err);
  }
  const pg = pgCause(err);
  if (!pg) return err;
  const constraint = pg.constraint_name ?? pg.constraint ?? "";
  switch (pg.code) {
    case "23P01":
    case "23505": {
      const known = CONFLICTS[constraint];
      if (known) return new ConflictError(known[0], known[1]);
      return new ConflictError("duplicate", "That record conflicts with one that already exists.");
    }
    case "23503": {
      const resource = MISSING_REFERENCES[constraint];
      if (resource) return new NotFoundError(resource);
      return err;
    }
    case "23514":
      return new ValidationError(CHECK_MESSAGES[constraint] ?? "A value is outside what is allowed.", undefined, "invalid:value");
    case "22P02":
    case "22007":
    case "22008":
      return new ValidationError("A value has the wrong format.", fieldOf(pg, "This value has the wrong format."));
    case "22001":
    case "22003":
    case "22021":
    case "22P05":
    case "22023":
    case "54000":
      // Too long for its column or index, out of a number's range, or bytes the database cannot
      // store as text: the caller's value, not our fault.
      return new ValidationError(
        "A value is too long, out of range or holds characters that cannot be stored.",
        fieldOf(pg, "This value is too long, out of range or holds characters that cannot be stored."),
        "invalid:value",
      );
    default:
      // Any other data exception (class 22: a date out of range, a bad time zone offset, a value
      // that does not convert) comes from a value the caller sent.
      if (pg.code?.startsWith("22")) {
        return new ValidationError(
          "A value is out of range or has the wrong format.",
          fieldOf(pg, "This value is out of range or has the wrong format."),
          "invalid:value",
        );
      }
      return err;
  }
}

function fieldOf(pg: PgError, message: string) {
  return pg.column ? { [pg.column]: [message] } : undefined;
}

// Connection-level failures (refused, reset, timed out, the server shutting down or full): the
// database is unreachable for now, whatever the request was.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** The database could not be reached: 503 with Retry-After, logged by the pipeline with the request id. */
export class DatabaseUnavailableError extends AppError {
  constructor(override readonly cause: unknown) {
    super("unavailable");
  }
}

/** Whether an error (or one it wraps) says the database is unreachable. */
export function isDatabaseUnreachable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || code.startsWith("08"))) return true;
    // Several connection attempts failing at once arrive as one AggregateError.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some(isDatabaseUnreachable)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
