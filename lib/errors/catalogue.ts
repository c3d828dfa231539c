// Every error code AgentCare answers with: a closed list. The HTTP status, the default message and
// the OpenAPI error schemas all come from here. Client-safe (no server imports).

/** One status for a family of codes, each with its default message. */
function withStatus<const S extends number, const K extends string>(status: S, messages: Record<K, string>) {
  return Object.fromEntries(Object.entries(messages).map(([code, message]) => [code, { status, message }])) as {
    [C in K]: { status: S; message: string };
  };
}

const NOT_FOUND_RESOURCES = [
  "api_key",
  "audit_event",
  "appointment",
  "appointment_type",
  "calendar_feed",
  "domain",
  "fhir_type",
  "invitation",
  "location",
  "member",
  "organization",
  "patient",
  "provider",
  "resource",
  "route",
  "schedule",
  "slot",
  "sso",
  "time_off",
  "user",
  "waitlist_entry",
  "waitlist_offer",
  "webhook_delivery",
  "webhook_endpoint",
] as const;

const CONFLICTS = [
  "appointment_overlap",
  "appointment_type_name",
  "branding",
  "domain",
  "duplicate",
  "invitation",
  "last_owner",
  "location_bookings",
  "location_name",
  "membership",
  "offer_gone",
  "organization_slug",
  "patient_email",
  "patient_match",
  "patient_mrn",
  "patient_overlap",
  "primary_domain",
  "provider_email",
  "provider_license",
  "provider_user",
  "resource_name",
  "resource_overlap",
  "settings",
  "sms_opted_out",
  "status_changed",
  "time_off_bookings",
  "user_email",
  "waitlist_entry",
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
  ...withStatus(400, {
    validation: "Please correct the highlighted fields.",
    organization_required: "Say which organization this is for.",
    booking_disabled: "Online booking is not available at this organization.",
    "invalid:brand_contrast": "That colour does not contrast enough to be readable.",
    "invalid:appointment_type": "That appointment type cannot be booked this way.",
    "invalid:cancellation_window": "It is too late to change this appointment online.",
    "invalid:cursor": "The cursor is not valid; start again without it.",
    "invalid:range_too_large": "That range holds too many records for one request; choose a shorter one.",
    "invalid:webhook_url": "Webhooks go to public https addresses only.",
    "invalid:domain": "That domain cannot be used.",
    "invalid:domain_unverified": "The domain is not verified yet.",
    "invalid:import": "The import has problems; nothing was imported.",
    "invalid:invitation_email": "This invitation is for another e-mail address.",
    "invalid:json": "The request body must be JSON.",
    "invalid:link": "This link is not valid any more: it was used, has expired or was replaced.",
    "invalid:location": "That location cannot be booked this way.",
    "invalid:mode": "That visit mode is not offered.",
    "invalid:organization": "That is not an organization id.",
    "invalid:provider": "That provider cannot be booked this way.",
    "invalid:role": "Choose owner, admin, clinician or staff.",
    "invalid:sso_issuer": "The identity provider's OpenID configuration could not be read.",
    "invalid:sso_sign_in": "The sign-in through your organization's identity provider did not complete.",
    "invalid:search": "That search is not supported; the CapabilityStatement lists the parameters each resource takes.",
    "invalid:starts_at": "That time cannot be booked.",
    "invalid:status_transition": "The appointment cannot move to that status.",
    "invalid:user": "That is not a user id.",
    "invalid:value": "A value is outside what is allowed.",
  }),
  ...withStatus(401, {
    unauthenticated: "Please sign in to continue.",
  }),
  ...withStatus(402, {
    "plan_limit:users": "The plan's user limit is reached.",
    "plan_limit:providers": "The plan's provider limit is reached.",
    "plan_limit:appointments": "The plan's monthly appointment limit is reached.",
    "plan_feature:telehealth": "Video visits are not part of this plan.",
    "plan_feature:custom_branding": "Custom branding is not part of this plan.",
    "plan_feature:custom_domains": "Custom domains are not part of this plan.",
    "plan_feature:api_access": "API access is not part of this plan.",
    "plan_feature:audit_export": "Audit export is not part of this plan.",
  }),
  ...withStatus(403, {
    forbidden: "You do not have access to this.",
    "forbidden:permission": "Your role does not allow this.",
    "forbidden:not_a_member": "You are not a member of this organization.",
    "forbidden:organization_mismatch": "X-Organization-ID names a different organization than this address.",
    "forbidden:api_key_organization": "This API key belongs to another organization.",
    "forbidden:organization_suspended": "This organization's account is suspended.",
    "forbidden:subscription_cancelled": "This organization's AgentCare subscription is cancelled.",
    "forbidden:operator_only": "Only AgentCare platform operators can do this.",
    "forbidden:plan_operator_only": "New organizations start on the Basic plan; a platform operator changes plans.",
    "forbidden:wrong_account": "This link is for another account.",
    "forbidden:cross_origin": "This request came from another site.",
    sso_required: "This organization requires single sign-on: sign in with your organization's account.",
    mfa_required: "This organization requires two-factor authentication. Turn it on under Two-factor authentication to continue.",
    "forbidden:sms_signature": "This request is not signed by this organization's SMS provider.",
    "forbidden:api_key_escalation": "An API key cannot create keys, and nobody can create a key above their own role.",
  }),
  ...withStatus(413, {
    payload_too_large: "The request body is too large.",
  }),
  ...notFound,
  ...conflicts,
  ...withStatus(415, {
    unsupported_media_type: "Send the request body as application/json.",
  }),
  ...withStatus(429, {
    rate_limited: "Too many requests. Please wait a minute and try again.",
  }),
  ...withStatus(500, {
    internal: "Something went wrong on our side.",
  }),
  ...withStatus(503, {
    unavailable: "AgentCare is temporarily unavailable.",
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
