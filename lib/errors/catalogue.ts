// Every error code AgentCare answers with: a closed list. The HTTP status, the default message and
// the OpenAPI error schemas all come from here. Client-safe (no server imports).

type Entry = { status: number; message: string };

const entries = <const T extends Record<string, Entry>>(table: T) => table;

const NOT_FOUND_RESOURCES = [
  "api_key",
  "appointment",
  "appointment_type",
  "domain",
  "invitation",
  "member",
  "organization",
  "patient",
  "provider",
  "route",
  "time_off",
  "user",
  "waitlist_offer",
] as const;

const CONFLICTS = [
  "appointment_overlap",
  "appointment_type_name",
  "branding",
  "domain",
  "duplicate",
  "invitation",
  "last_owner",
  "membership",
  "offer_gone",
  "organization_slug",
  "patient_email",
  "patient_match",
  "patient_mrn",
  "primary_domain",
  "provider_email",
  "provider_license",
  "provider_user",
  "settings",
  "user_email",
] as const;

export type NotFoundResource = (typeof NOT_FOUND_RESOURCES)[number];
export type ConflictKind = (typeof CONFLICTS)[number];

const notFound = Object.fromEntries(
  NOT_FOUND_RESOURCES.map((r) => [`not_found:${r}`, { status: 404, message: `That ${r.replace(/_/g, " ")} was not found.` }]),
) as Record<`not_found:${NotFoundResource}`, { status: 404; message: string }>;

const conflicts = Object.fromEntries(
  CONFLICTS.map((c) => [`conflict:${c}`, { status: 409, message: "That conflicts with what is already there." }]),
) as Record<`conflict:${ConflictKind}`, { status: 409; message: string }>;

export const ERROR_CATALOGUE = {
  ...entries({
    // 400: the request itself is wrong; nothing was changed.
    validation: { status: 400, message: "Please correct the highlighted fields." },
    organization_required: { status: 400, message: "Say which organization this is for." },
    booking_disabled: { status: 400, message: "Online booking is not available at this organization." },
    "invalid:appointment_type": { status: 400, message: "That appointment type cannot be booked this way." },
    "invalid:cancellation_window": { status: 400, message: "It is too late to change this appointment online." },
    "invalid:cursor": { status: 400, message: "The cursor is not valid; start again without it." },
    "invalid:domain": { status: 400, message: "That domain cannot be used." },
    "invalid:domain_unverified": { status: 400, message: "The domain is not verified yet." },
    "invalid:import": { status: 400, message: "The import has problems; nothing was imported." },
    "invalid:invitation_email": { status: 400, message: "This invitation is for another e-mail address." },
    "invalid:json": { status: 400, message: "The request body must be JSON." },
    "invalid:mode": { status: 400, message: "That visit mode is not offered." },
    "invalid:organization": { status: 400, message: "That is not an organization id." },
    "invalid:provider": { status: 400, message: "That provider cannot be booked this way." },
    "invalid:role": { status: 400, message: "Choose owner, admin, clinician or staff." },
    "invalid:starts_at": { status: 400, message: "That time cannot be booked." },
    "invalid:status_transition": { status: 400, message: "The appointment cannot move to that status." },
    "invalid:user": { status: 400, message: "That is not a user id." },
    "invalid:value": { status: 400, message: "A value is outside what is allowed." },
    // 401
    unauthenticated: { status: 401, message: "Please sign in to continue." },
    // 402: the request is fine; the plan does not pay for it.
    "plan_limit:users": { status: 402, message: "The plan's user limit is reached." },
    "plan_limit:providers": { status: 402, message: "The plan's provider limit is reached." },
    "plan_limit:appointments": { status: 402, message: "The plan's monthly appointment limit is reached." },
    "plan_feature:telehealth": { status: 402, message: "Video visits are not part of this plan." },
    "plan_feature:custom_branding": { status: 402, message: "Custom branding is not part of this plan." },
    "plan_feature:custom_domains": { status: 402, message: "Custom domains are not part of this plan." },
    "plan_feature:api_access": { status: 402, message: "API access is not part of this plan." },
    "plan_feature:audit_export": { status: 402, message: "Audit export is not part of this plan." },
    // 403
    forbidden: { status: 403, message: "You do not have access to this." },
    "forbidden:permission": { status: 403, message: "Your role does not allow this." },
    "forbidden:not_a_member": { status: 403, message: "You are not a member of this organization." },
    "forbidden:organization_mismatch": { status: 403, message: "X-Organization-ID names a different organization than this address." },
    "forbidden:api_key_organization": { status: 403, message: "This API key belongs to another organization." },
    "forbidden:organization_suspended": { status: 403, message: "This organization's account is suspended." },
    "forbidden:subscription_cancelled": { status: 403, message: "This organization's AgentCare subscription is cancelled." },
    "forbidden:operator_only": { status: 403, message: "Only AgentCare platform operators can do this." },
    "forbidden:cross_origin": { status: 403, message: "This request came from another site." },
  }),
  ...notFound,
  ...conflicts,
  ...entries({
    payload_too_large: { status: 413, message: "The request body is too large." },
    unsupported_media_type: { status: 415, message: "Send the request body as application/json." },
    rate_limited: { status: 429, message: "Too many requests. Please wait a minute and try again." },
    internal: { status: 500, message: "Something went wrong on our side." },
    unavailable: { status: 503, message: "AgentCare is temporarily unavailable." },
  }),
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

/** The codes a status can carry, for the OpenAPI document. */
export function codesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).filter((code) => ERROR_CATALOGUE[code].status === status);
}
