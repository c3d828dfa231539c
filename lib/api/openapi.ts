import { z } from "zod";
import { apiKeyInputSchema } from "@/lib/api-keys/schemas";
import { appointmentTypeInputSchema, appointmentTypePatchSchema } from "@/lib/appointment-types/schemas";
import { addMemberSchema, invitationInputSchema, memberPatchSchema } from "@/lib/memberships/schemas";
import { addDomainSchema, brandingSchema, createOrganizationSchema, profileSchema, settingsPatchSchema } from "@/lib/organizations/schemas";
import { patientInputSchema, patientPatchSchema, patientSearchSchema } from "@/lib/patients/schemas";
import {
  offeredTypesSchema,
  overrideSchema,
  providerInputSchema,
  providerPatchSchema,
  timeOffSchema,
  weeklyHoursSchema,
} from "@/lib/providers/schemas";
import {
  appointmentListSchema,
  availabilityQuerySchema,
  cancelSchema,
  createAppointmentSchema,
  rescheduleSchema,
  statusChangeSchema,
} from "@/lib/scheduling/schemas";
import { waitlistListSchema } from "@/lib/scheduling/waitlist-schemas";
import { WEBHOOK_DISABLE_AFTER, WEBHOOK_EVENT_TYPES, WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/events";
import { webhookCreateSchema, webhookDeliveriesQuerySchema, webhookNoInputSchema, webhookUpdateSchema } from "@/lib/webhooks/schemas";
import {
  accessReportQuerySchema,
  accessReportRequestSchema,
  auditExportSchema,
  auditSearchSchema,
  auditVerifySchema,
  patientAccessSchema,
} from "@/lib/audit/schemas";
import {
  locationInputSchema,
  locationPatchSchema,
  providerWeekSchema,
  resourceInputSchema,
  resourceListSchema,
  resourcePatchSchema,
} from "@/lib/locations/schemas";
import { cardUploadSchema, intakeFormSchema, intakeSettingsSchema, intakeSubmissionSchema } from "@/lib/intake/schemas";
import { nextAvailableSchema, reportExportSchema, reportQuerySchema } from "@/lib/reports/schemas";
import { seriesBookSchema, seriesPreviewSchema } from "@/lib/scheduling/series-schemas";
import { smsSettingsPatchSchema } from "@/lib/sms/schemas";
import { ssoSettingsSchema } from "@/lib/sso/schemas";

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate
// with, so the reference cannot drift from what the API accepts.

type Auth = "member" | "operator_or_admin" | "public" | "open_signup";

export type Operation = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  permission?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  success: number;
  description?: string;
};

const idPath = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", format: "uuid" } });

const memberOwner = z.object({
  email: z.email(),
  name: z.string(),
  password: z.string().min(10),
});

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/organization",
    summary: "The current organization's public profile",
    tag: "Organization",
    auth: "member",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/organizations",
    summary: "Create an organization (operator token, or self-service sign-up)",
    tag: "Organizations",
    auth: "open_signup",
    body: createOrganizationSchema.extend({ owner: memberOwner.optional() }),
    success: 201,
    description:
      "With `Authorization: Bearer $PLATFORM_ADMIN_TOKEN` a platform operator creates it (operator-trusted: a named `owner`'s account is created at once, any `plan`). Without, it is self-service (unless OPEN_SIGNUP=false) and starts on the `basic` plan (another `plan` answers 403 `forbidden:plan_operator_only`). With `owner`, the answer carries `ownerConfirmation` and the owner's address gets an e-mail: a link to confirm it, which creates the account with the chosen password (or, for an address that already has an account, to sign in and accept; its password is not changed). The answer is the same either way, and nobody can sign in as the owner until the address is confirmed. Without `owner`, the answer carries a single-use `ownerClaimUrl`.",
  },
  {
    method: "get",
    path: "/api/v1/organizations/{id}",
    summary: "An organization with settings, branding and domains",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/domains",
    summary: "Add a domain (its own subdomain, or a custom domain to verify)",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "settings:manage",
    body: addDomainSchema,
    success: 201,
  },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/domains/{domainId}/verify",
    summary: "Verify a custom domain by its DNS TXT record",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/domains/{domainId}/primary",
    summary: "Make a verified domain primary",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "delete",
    path: "/api/v1/organizations/{id}/domains/{domainId}",
    summary: "Remove a custom domain",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "settings:manage",
    success: 204,
  },
  {
    method: "post",
    path: "/api/v1/organizations/{id}/members",
    summary: "Add a member (an existing user by id: operators; or a new account by e-mail)",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "members:manage",
    body: addMemberSchema,
    success: 201,
    description:
      "A new account is created without a password (nobody sets another person's password): its owner chooses one through the forgot-password link, which proves the address. Inviting (`/api/v1/settings/invitations`) is the usual way to add people.",
  },
  {
    method: "patch",
    path: "/api/v1/organizations/{id}/settings",
    summary: "Update scheduling settings (any subset; business hours per weekday)",
    tag: "Organizations",
    auth: "operator_or_admin",
    permission: "settings:manage",
    body: settingsPatchSchema,
    success: 200,
  },

  {
    method: "get",
    path: "/api/v1/providers",
    summary: "List providers",
    tag: "Providers",
    auth: "member",
    permission: "providers:read",
    query: z.object({
      active: z.enum(["true", "false"]).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      cursor: z.string().optional(),
    }),
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/providers",
    summary: "Create a provider",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: providerInputSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/api/v1/providers/{id}",
    summary: "A provider with hours, offered types, overrides and time off",
    tag: "Providers",
    auth: "member",
    permission: "providers:read",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/providers/{id}",
    summary: "Edit or deactivate a provider",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: providerPatchSchema,
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/providers/{id}/hours",
    summary: "Replace weekly working hours",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: weeklyHoursSchema,
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/providers/{id}/appointment-types",
    summary: "Set offered appointment types (empty: all)",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: offeredTypesSchema,
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/providers/{id}/overrides/{date}",
    summary: "Set one date's hours ([] = day off)",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: overrideSchema,
    success: 200,
  },
  {
    method: "delete",
    path: "/api/v1/providers/{id}/overrides/{date}",
    summary: "Back to the weekly hours for a date",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    success: 204,
  },
  {
    method: "post",
    path: "/api/v1/providers/{id}/time-off",
    summary: "Add time off",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: timeOffSchema,
    success: 201,
    description:
      "Time off never lands silently on booked appointments. When it covers scheduled or confirmed appointments, the answer is 409 `conflict:time_off_bookings` with `error.details.appointments` (id, times, status, patient, provider, type) and nothing is saved, until every one of them is named in `cancelAppointmentIds` (cancelled, the patient is e-mailed) or `keepAppointmentIds` (kept, to be rescheduled). Naming an appointment the time off does not cover is 404. The answer's `meta` lists what was cancelled and kept",
  },
  {
    method: "delete",
    path: "/api/v1/providers/{id}/time-off/{timeOffId}",
    summary: "Remove time off",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    success: 204,
  },
  {
    method: "get",
    path: "/api/v1/providers/{id}/calendar-feed",
    summary:
      "Whether the provider has a working calendar subscription (made, last fetched), whether the caller may manage it, and whether feeds name patients; never the feed's address",
    tag: "Providers",
    auth: "member",
    permission: "providers:read",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/providers/{id}/calendar-feed",
    summary:
      "A new private iCalendar subscription address for the provider, returned only in this answer (`data.url`); the provider's previous address stops working",
    tag: "Providers",
    auth: "member",
    permission: "providers:read",
    success: 201,
    description:
      "Only the provider themselves (the member linked to the provider, with the `schedule:own` permission) or a member with `providers:manage` may make, replace or turn off a feed; anyone else gets 403. The feed covers the provider's visits that are not cancelled from 30 days back to 180 days ahead, and their time off, in UTC. It holds the appointment type, status and a link that opens the visit in AgentCare (behind its sign-in); the patient's name only when the organization turned on `calendarFeedPatientNames` in its scheduling settings; never reasons, notes or contact details.",
  },
  {
    method: "get",
    path: "/api/v1/settings/sms",
    summary:
      "Text-message set-up: whether texts are on, the Twilio account SID and sender number, reminder times and the release cutoff, and the webhook address to give Twilio; never the auth token (`authTokenSet` says whether one is kept)",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/settings/sms",
    summary: "Change the text-message set-up (any subset); `authToken` sets or replaces the kept token, which is stored encrypted",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    body: smsSettingsPatchSchema,
    success: 200,
    description:
      "Turning texts on (`enabled: true`) needs an account SID, an auth token and a sender number (400 naming each missing one). Reminders go out at each of `reminderOffsetsHours` (1–3 values, default 48 and 2) before a visit, to patients who agreed to texts. With `releaseUnconfirmedHours` set, a visit still unconfirmed that many hours before its start — whose patient was sent a text reminder before then — is cancelled by the system, offered to the waiting list and the patient told; it must be smaller than the largest reminder offset. `null` turns releasing off (the default).",
  },
  {
    method: "get",
    path: "/api/v1/settings/sso",
    summary:
      "Single sign-on set-up: the OpenID Connect issuer, client ID, allowed e-mail domains, default role for new members, whether staff must use it, and the redirect and back-channel logout addresses to register at the provider; never the client secret; `null` when none",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/settings/sso",
    summary: "Set up single sign-on (the whole set-up); `clientSecret` the first time, left out later to keep the stored one",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    body: ssoSettingsSchema,
    success: 200,
    description:
      "The issuer's `/.well-known/openid-configuration` is read with the set-up before it is saved (400 `invalid:sso_issuer` when it cannot be, or names another issuer). Issuers must be public https addresses. People whose provider-verified e-mail is in one of `allowedDomains` can then sign in from the organization's sign-in page; one new to the organization becomes a member with `defaultRole`. Such a session reaches this organization only. With `required`, members other than owners are refused (403 `sso_required`) unless they signed in this way.",
  },
  {
    method: "delete",
    path: "/api/v1/settings/sso",
    summary: "Turn single sign-on off and forget its set-up",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/public/sso/start",
    summary:
      "Start a sign-in through the organization's identity provider: 303 to the provider (authorization code flow with PKCE); `next` is the page to return to",
    tag: "Single sign-on",
    auth: "public",
    success: 303,
  },
  {
    method: "get",
    path: "/api/v1/public/sso/callback",
    summary:
      "Where the identity provider returns the browser: the ID token is verified (signature, issuer, audience, nonce), the e-mail must be verified and in an allowed domain; 303 to the page asked for with a session, or to the sign-in page with `error=sso_{reason}`",
    tag: "Single sign-on",
    auth: "public",
    success: 303,
  },
  {
    method: "post",
    path: "/api/v1/public/sso/logout",
    summary:
      "OpenID Connect back-channel logout: the provider posts a signed `logout_token` (form-encoded); the sessions it names (its session id, or every session of its subject) end. 400 for a token that does not verify",
    tag: "Single sign-on",
    auth: "public",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/patients/{id}/sms-consent",
    summary: "Record the patient's agreement to appointment texts (`smsOptIn: true`, needs a mobile number) or its withdrawal",
    tag: "Patients",
    auth: "member",
    permission: "patients:write",
    body: z.object({ smsOptIn: z.boolean() }),
    success: 200,
    description:
      "A patient who replied STOP cannot be opted in again by staff (409 `conflict:sms_opted_out`): the network blocks texts to the number until the patient replies START.",
  },
  {
    method: "delete",
    path: "/api/v1/providers/{id}/calendar-feed",
    summary: "Turn the provider's calendar subscription off: its address answers 404 from now on (404 when there is none)",
    tag: "Providers",
    auth: "member",
    permission: "providers:read",
    success: 204,
  },

  {
    method: "get",
    path: "/api/v1/patients",
    summary: "Search patients (name, date of birth, MRN, e-mail, phone)",
    tag: "Patients",
    auth: "member",
    permission: "patients:read",
    query: patientSearchSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/patients",
    summary: "Register a patient (MRN generated when omitted)",
    tag: "Patients",
    auth: "member",
    permission: "patients:write",
    body: patientInputSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/api/v1/patients/{id}",
    summary: "A patient with upcoming and past appointments",
    tag: "Patients",
    auth: "member",
    permission: "patients:read",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/patients/{id}",
    summary: "Edit a patient",
    tag: "Patients",
    auth: "member",
    permission: "patients:write",
    body: patientPatchSchema,
    success: 200,
  },

  {
    method: "get",
    path: "/api/v1/providers/{id}/locations",
    summary: "Where the provider works on each weekday (days not listed: the main location)",
    tag: "Providers",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/providers/{id}/locations",
    summary: "Set where the provider works on each weekday (replaces the week)",
    tag: "Providers",
    auth: "member",
    permission: "providers:manage",
    body: providerWeekSchema,
    success: 200,
    description:
      "Each weekday (1 = Monday … 7 = Sunday) at most once. A weekday left out is spent at the main location (the organization's first active location); a weekday set to a closed location is not bookable. Visits already booked keep their location.",
  },

  {
    method: "get",
    path: "/api/v1/locations",
    summary: "List locations (oldest first; the first active one is the main location)",
    tag: "Locations",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/locations",
    summary: "Add a location (its time zone defaults to the organization's)",
    tag: "Locations",
    auth: "member",
    permission: "settings:manage",
    body: locationInputSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/api/v1/locations/{id}",
    summary: "One location",
    tag: "Locations",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/locations/{id}",
    summary: "Edit or close a location (active: false)",
    tag: "Locations",
    auth: "member",
    permission: "settings:manage",
    body: locationPatchSchema,
    success: 200,
    description:
      "Changes only the fields sent. Closing a location that still has scheduled or confirmed visits to come is refused with 409 `conflict:location_bookings` and nothing changes: move or cancel them first. Visits already held there keep it.",
  },
  {
    method: "get",
    path: "/api/v1/resources",
    summary: "List rooms and equipment (by location, active only)",
    tag: "Locations",
    auth: "member",
    permission: "appointments:read",
    query: resourceListSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/resources",
    summary: "Add a room or piece of equipment at a location",
    tag: "Locations",
    auth: "member",
    permission: "settings:manage",
    body: resourceInputSchema,
    success: 201,
    description:
      "`kind` is what appointment types ask for (`requiredResourceKind`), compared in lower case. A visit of a type that needs a kind holds one free resource of that kind at its location; two live visits can never hold one resource at once.",
  },
  {
    method: "get",
    path: "/api/v1/resources/{id}",
    summary: "One room or piece of equipment",
    tag: "Locations",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/resources/{id}",
    summary: "Rename, change the kind, or take out of service (active: false)",
    tag: "Locations",
    auth: "member",
    permission: "settings:manage",
    body: resourcePatchSchema,
    success: 200,
  },

  {
    method: "get",
    path: "/api/v1/appointment-types",
    summary: "List appointment types",
    tag: "Appointment types",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointment-types",
    summary: "Create an appointment type",
    tag: "Appointment types",
    auth: "member",
    permission: "settings:manage",
    body: appointmentTypeInputSchema,
    success: 201,
  },
  {
    method: "patch",
    path: "/api/v1/appointment-types/{id}",
    summary: "Edit an appointment type",
    tag: "Appointment types",
    auth: "member",
    permission: "settings:manage",
    body: appointmentTypePatchSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/appointment-types/{id}/intake-form",
    summary: "The intake form a visit of this type asks the patient to fill in (an empty list of questions when it has none)",
    tag: "Intake",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/appointment-types/{id}/intake-form",
    summary: "Replace the type's intake form",
    tag: "Intake",
    auth: "member",
    permission: "settings:manage",
    body: intakeFormSchema,
    success: 200,
    description:
      "Questions of kind short_text, long_text, choice (two or more different choices), yes_no or date, each required or not, at most 30, in the order patients see them. Send a question's id back to keep it; questions without one get a new id. Answers already given keep the question's words they were given under.",
  },
  {
    method: "get",
    path: "/api/v1/settings/intake",
    summary: "Whether bookings ask for the patient's insurance: off, optional or required",
    tag: "Intake",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/settings/intake",
    summary: "Turn the insurance section of every booking off, optional or required",
    tag: "Intake",
    auth: "member",
    permission: "settings:manage",
    body: intakeSettingsSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/appointments/{id}/intake",
    summary: "The visit's intake form with the answers and insurance details given (patient data: each read is audited)",
    tag: "Intake",
    auth: "member",
    permission: "patients:read",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/appointments/{id}/intake",
    summary: "Answer the visit's intake form for the patient (replaces earlier answers)",
    tag: "Intake",
    auth: "member",
    permission: "patients:write",
    body: intakeSubmissionSchema,
    success: 200,
    description:
      "`answers` maps question ids to a string (text, a date as YYYY-MM-DD, one of a choice question's choices) or a boolean (yes/no). Each wrong or missing required answer comes back as a field error `intake.{questionId}`; insurance errors as `insurance.{field}`. Not possible once the visit is cancelled.",
  },
  {
    method: "get",
    path: "/api/v1/appointments/{id}/intake/card",
    summary: "The photo of the patient's insurance card (image/jpeg, image/png or image/webp; 404 when there is none; audited)",
    tag: "Intake",
    auth: "member",
    permission: "patients:read",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/appointments/{id}/intake/card",
    summary: "Add a photo of the insurance card to the visit's intake (base64 JPEG, PNG or WebP, at most 2 MB)",
    tag: "Intake",
    auth: "member",
    permission: "patients:write",
    body: cardUploadSchema,
    success: 200,
  },

  {
    method: "get",
    path: "/api/v1/appointments",
    summary: "The member's appointments (date or from/to, provider, patient, location, room or equipment, status; cursor-paginated)",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:read",
    query: appointmentListSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointments",
    summary:
      "Book an appointment by staff rules: inside the provider's working hours, on the type's grid, within the staff horizon (400 invalid:starts_at with the reason; 409 when the time was just taken)",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: createAppointmentSchema,
    success: 201,
  },
  {
    method: "get",
    path: "/api/v1/appointments/{id}",
    summary: "An appointment with patient, provider, type and telehealth link",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:read",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointments/{id}/status",
    summary: "Confirm, check in, complete or mark no-show",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: statusChangeSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointments/{id}/cancel",
    summary: "Cancel (frees the slot; the waiting list is offered it)",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: cancelSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointments/{id}/reschedule",
    summary: "Move atomically to a new time, checked by the same rules as a new booking (the appointment's own old time does not count)",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: rescheduleSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/waitlist",
    summary:
      "The waiting list, newest first, with each entry's offers and what came of them (type, provider — those who asked for them or for any —, wanted dates overlapping from/to, status; cursor-paginated; audited)",
    tag: "Waiting list",
    auth: "member",
    permission: "patients:read",
    query: waitlistListSchema,
    success: 200,
  },
  {
    method: "delete",
    path: "/api/v1/waitlist/{id}",
    summary:
      "Take a patient off the waiting list (the entry becomes cancelled, its open offers can no longer be claimed; 409 when already booked or removed)",
    tag: "Waiting list",
    auth: "member",
    permission: "appointments:write",
    success: 204,
  },
  {
    method: "post",
    path: "/api/v1/appointment-series/preview",
    summary:
      "Check a weekly series before booking it (every `rule.intervalWeeks` weeks, `rule.count` visits or until `rule.until`; at most 52 visits within a year; the time repeats in the organization's zone across daylight-saving changes): each visit free, or not with up to three other free times that day. Books nothing",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: seriesPreviewSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointment-series",
    summary:
      "Book a weekly series: `starts` holds the chosen start of each visit (the planned time or another free time that day; leave a day out to skip it). All or none: when one visit cannot be booked, nothing is and the answer names it",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: seriesBookSchema,
    success: 201,
  },
  {
    method: "post",
    path: "/api/v1/appointments/{id}/reschedule-following",
    summary:
      "Move this visit to `startsAt` (and `providerId`, if given) and every later visit of its series that can still change the same way: as many days later or earlier, at the new time of day in the organization's zone. All or none: when one move cannot be made, nothing moves and the answer names it",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: rescheduleSchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/appointments/{id}/cancel-following",
    summary:
      "Cancel this visit and every later visit of its series that can still be changed (each patient is e-mailed as for any cancellation)",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:write",
    body: cancelSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/reports",
    summary:
      "The appointments report for a date range (the organization's days, inclusive; at most 366) and optional provider, type and location: totals, per day, per provider and per type — appointments, completed, no-shows and no-show rate, cancellations by patient and by staff with lead time, online share, booked and available minutes, utilisation, waiting-list fills. Aggregates only: no patient is named",
    tag: "Reports",
    auth: "member",
    permission: "reports:read",
    query: reportQuerySchema,
    success: 200,
    description:
      "No-show rate is no-shows ÷ (completed + checked in + no-shows). Utilisation is booked minutes (appointments not cancelled) ÷ the minutes the active providers could be booked (business hours ∩ their hours or that day's override, minus time off). Cancellations made before who cancelled was recorded count in neither `cancelledByPatient` nor `cancelledByStaff`. Waiting-list fills are offers claimed for times in the range. With `location`, only visits held at that location count (and fills whose claimed visit is there), and a provider's bookable minutes are those of the weekdays they work there (their own choice for the weekday, or the main location when none is set; a closed location has none). An unknown `provider`, `type` or `location` answers 404.",
  },
  {
    method: "get",
    path: "/api/v1/reports/export",
    summary: "One table of the report (`table`: days, providers or types) as a CSV file, one row per day, provider or type",
    tag: "Reports",
    auth: "member",
    permission: "reports:read",
    query: reportExportSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/reports/next-available",
    summary:
      "Per active appointment type (one provider, or any; at one location, or any), the first free time from now as staff would book it, and the hours until it; null when there is none in the next 90 days",
    tag: "Reports",
    auth: "member",
    permission: "reports:read",
    query: nextAvailableSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/patients/{id}/access-log",
    summary:
      "Who opened this chart: every access to this patient's data and every change of it, newest first — who, when, what, from which address (cursor-paginated; every plan). Looking is recorded, naming the patient",
    tag: "Audit",
    auth: "member",
    permission: "audit:read",
    query: patientAccessSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/audit/events",
    summary:
      "The organization's audit log, newest first: who (`actor`, a user id), which patient (`patient`: every event naming them, alone or in a list), `action`, kind of record (`resource`, e.g. appointment, patient) and days (`from`/`to` in the organization's time zone); cursor-paginated. Needs the audit export plan feature (402 `plan_feature:audit_export` otherwise); the look is itself recorded",
    tag: "Audit",
    auth: "member",
    permission: "audit:read",
    query: auditSearchSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/audit/events/{id}",
    summary:
      "One audit event: its metadata, the patients it names, and its place in the hash chain (seq, prev_hash, row_hash, the hash recomputed from the row as stored, the neighbouring events). Opening it is recorded, naming those patients",
    tag: "Audit",
    auth: "member",
    permission: "audit:read",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/audit/chain",
    summary: "The newest results of verifying the organization's audit chain: the worker's scheduled run and the last one asked for",
    tag: "Audit",
    auth: "member",
    permission: "audit:read",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/audit/chain/verify",
    summary:
      "Walk the organization's audit chain now: every seq follows the one before, every prev_hash is the previous row's hash and every row still matches its hash; rows left unsealed too long are reported. The result is recorded in the chain. Takes no input (no body, or `{}`)",
    tag: "Audit",
    auth: "member",
    permission: "audit:read",
    body: auditVerifySchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/audit/export",
    summary:
      "The chain's events from the first on `from` to the last on `to` (days in the organization's time zone), in chain order with their hashes, as NDJSON (a header line, then one event per line) or CSV. `npm run audit:verify -- --file export.ndjson` re-verifies an NDJSON export with nothing but the file. At most 366 days and 100,000 events; the export is recorded",
    tag: "Audit",
    auth: "member",
    permission: "audit:read",
    query: auditExportSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/availability",
    summary: "Free slots for a type (and provider)",
    tag: "Appointments",
    auth: "member",
    permission: "appointments:read",
    query: availabilityQuerySchema,
    success: 200,
  },

  {
    method: "get",
    path: "/api/v1/settings/profile",
    summary: "General settings",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/settings/profile",
    summary: "Edit name, type, address, contact, time zone",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    body: profileSchema,
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/settings/scheduling",
    summary: "Scheduling settings",
    description:
      'Any subset of the scheduling settings. `patientLanguages` lists the languages patients may use the booking and appointment pages, e-mails and text messages in: `en` always, `es` optionally (for example `["en", "es"]`); a list without `en` is refused with 400.',
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    body: settingsPatchSchema,
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/settings/branding",
    summary: "Branding (logo and colours need custom branding)",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    body: brandingSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/settings/usage",
    summary: "Plan, limits and this month's usage",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/notifications",
    summary: "The e-mail outbox",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },

  {
    method: "get",
    path: "/api/v1/settings/domains",
    summary: "Domains, each unverified one with its DNS TXT record",
    tag: "Settings",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/settings/members",
    summary: "Members (names, e-mails, roles) and open invitations",
    tag: "Settings",
    auth: "member",
    permission: "members:manage",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/settings/members/{membershipId}",
    summary: "Change a member's role or suspend them (an active owner always remains)",
    tag: "Settings",
    auth: "member",
    permission: "members:manage",
    body: memberPatchSchema,
    success: 200,
  },
  {
    method: "delete",
    path: "/api/v1/settings/members/{membershipId}",
    summary: "Remove a member",
    tag: "Settings",
    auth: "member",
    permission: "members:manage",
    success: 204,
  },
  {
    method: "post",
    path: "/api/v1/settings/invitations",
    summary: "Invite by e-mail (expiring, single-use link)",
    tag: "Settings",
    auth: "member",
    permission: "members:manage",
    body: invitationInputSchema,
    success: 201,
  },
  {
    method: "delete",
    path: "/api/v1/settings/invitations/{invitationId}",
    summary: "Revoke an invitation",
    tag: "Settings",
    auth: "member",
    permission: "members:manage",
    success: 204,
  },
  {
    method: "get",
    path: "/api/v1/settings/api-keys",
    summary: "API keys (prefix, role, last used, expiry; never the secret)",
    tag: "Settings",
    auth: "member",
    permission: "api_keys:manage",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/settings/api-keys",
    summary: "Create an API key (the token is in this response only)",
    tag: "Settings",
    auth: "member",
    permission: "api_keys:manage",
    body: apiKeyInputSchema,
    success: 201,
    description:
      "`expiresAt` (optional, ISO 8601 with offset, at most two years ahead): after it the key is refused with 401, like a revoked one; the key's view carries `expiresAt` (null: until revoked). Only members create keys: an API key asking gets 403 `forbidden:api_key_escalation`, as does a member asking for a role above their own.",
  },
  {
    method: "delete",
    path: "/api/v1/settings/api-keys/{keyId}",
    summary: "Revoke an API key (refused at once)",
    tag: "Settings",
    auth: "member",
    permission: "api_keys:manage",
    success: 204,
  },

  {
    method: "get",
    path: "/api/v1/signup/slug",
    summary: "Is this address free? (with suggestions)",
    tag: "Sign-up",
    auth: "public",
    query: z.object({ slug: z.string() }),
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/public/invitations/{token}",
    summary: "What an invitation is for",
    tag: "Sign-up",
    auth: "public",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/public/invitations/{token}/accept",
    summary: "Accept an invitation (signed in, or creating the account)",
    tag: "Sign-up",
    auth: "public",
    body: z.object({ email: z.email(), name: z.string(), password: z.string().min(10) }).partial(),
    success: 201,
    description:
      "An addressed invitation's link proves its address: the account is created at once. An owner-claim link names no address: the answer is 202 with the same body for any address, and the address gets an e-mail to confirm it (or, if it has an account, to sign in and accept).",
  },
  {
    method: "post",
    path: "/api/v1/signup/confirm/{token}",
    summary: "Confirm a new owner's address from the e-mailed link",
    tag: "Sign-up",
    auth: "public",
    success: 200,
    description:
      "Creates the owner's account with the password chosen at sign-up, or, for an address that already has an account, accepts as that signed-in account. Single use, 24 hours.",
  },
  {
    method: "post",
    path: "/api/v1/account/password-reset",
    summary: "Ask for a password-reset link",
    tag: "Sign-up",
    auth: "public",
    body: z.object({ email: z.email() }),
    success: 202,
    description:
      "Always answers the same, whether or not the address has an account and when requests are throttled (3 an hour per address, 20 per client address). The link is e-mailed, works once and expires after an hour.",
  },
  {
    method: "post",
    path: "/api/v1/account/password-reset/{token}",
    summary: "Set a new password through a reset link",
    tag: "Sign-up",
    auth: "public",
    body: z.object({ password: z.string().min(10) }),
    success: 200,
    description: "Single use; every session of the account ends. A used, expired or replaced link answers 400 `invalid:link`.",
  },

  {
    method: "get",
    path: "/api/v1/public/booking-options",
    summary: "What can be booked online",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/public/availability",
    summary: "Free slots under online-booking rules",
    tag: "Online booking",
    auth: "public",
    query: availabilityQuerySchema,
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/public/bookings",
    summary:
      "Book online under the patient's rules (400 invalid:starts_at outside hours, off the grid, within notice or beyond the horizon; 409 when the time was just taken). The answer never depends on whether the e-mail belongs to a patient: the booking is kept with the details given until the visitor confirms the e-mail from the confirmation message. Where the type has an intake form (see booking-options' `intakeQuestions`) or insurance is asked, `intake` carries the answers by question id and `insurance`; a wrong or missing required answer books nothing (400, field errors `intake.{questionId}` / `insurance.{field}`)",
    tag: "Online booking",
    auth: "public",
    success: 201,
  },
  {
    method: "post",
    path: "/api/v1/public/confirm-email/{token}",
    summary:
      "Confirm the e-mail of an online booking with the link from its confirmation message (one answer for every outcome; 404 for an invalid link)",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/public/holds",
    summary:
      "Hold a free time for a few minutes while the patient enters their details (`appointmentTypeId`, `providerId`, `startsAt`, `mode`); 409 when the time was just taken",
    tag: "Online booking",
    auth: "public",
    success: 201,
  },
  {
    method: "post",
    path: "/api/v1/public/waitlist",
    summary:
      "Join the waiting list for a type (and optionally a provider) between two dates; the same answer whoever the e-mail belongs to",
    tag: "Online booking",
    auth: "public",
    success: 201,
  },
  {
    method: "post",
    path: "/api/v1/public/waitlist/claim/{token}",
    summary: "Claim a waiting-list offer with the link from its message: the first valid claim books the time, later claims answer 409",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/settings/webhooks",
    summary: "The organization's webhook endpoints (never their secrets)",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    success: 200,
    description:
      "Plans with API access. Each endpoint: url, description, eventTypes, payloadDetail, enabled, disabledReason, consecutiveFailures.",
  },
  {
    method: "post",
    path: "/api/v1/settings/webhooks",
    summary: "Add a webhook endpoint; its signing secret (`whsec_…`) is in this answer only",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    body: webhookCreateSchema,
    success: 201,
    description: `Events: ${WEBHOOK_EVENT_TYPES.join(", ")}. \`payloadDetail\`: \`ids\` (ids of what changed only), \`schedule\` (also times, status, provider, type, location; not who the patient is) or \`patient\` (also the patient's name, date of birth, e-mail and phone). Deliveries follow the Standard Webhooks specification: a JSON body \`{ type, timestamp, data }\` with the headers \`webhook-id\` (the same on every retry), \`webhook-timestamp\` and \`webhook-signature\` (HMAC-SHA256 with the secret). Only public https addresses are accepted (400 \`invalid:webhook_url\` for private, loopback or link-local ones); redirects are not followed. A delivery answered with anything but 2xx is retried with backoff (1, 2, 4 … minutes, ${WEBHOOK_MAX_ATTEMPTS} attempts); ${WEBHOOK_DISABLE_AFTER} deliveries in a row given up turn the endpoint off and e-mail the owners and admins.`,
  },
  {
    method: "get",
    path: "/api/v1/settings/webhooks/{id}",
    summary: "One webhook endpoint",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    success: 200,
  },
  {
    method: "patch",
    path: "/api/v1/settings/webhooks/{id}",
    summary: "Change an endpoint's URL, description, events or payload detail, or turn it off and on (on again forgets its failures)",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    body: webhookUpdateSchema,
    success: 200,
  },
  {
    method: "delete",
    path: "/api/v1/settings/webhooks/{id}",
    summary: "Remove an endpoint and its deliveries",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    success: 204,
  },
  {
    method: "post",
    path: "/api/v1/settings/webhooks/{id}/rotate-secret",
    summary: "A new signing secret, in this answer only; the old one stops working at once (no body, or `{}`)",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    body: webhookNoInputSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/settings/webhooks/{id}/deliveries",
    summary: "An endpoint's deliveries, newest first: event, payload sent, status, attempts, the receiver's last HTTP status and error",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    query: webhookDeliveriesQuerySchema,
    success: 200,
    description: "Looking is recorded in the audit log (payloads can hold patient details when the endpoint was set to).",
  },
  {
    method: "post",
    path: "/api/v1/settings/webhooks/{id}/deliveries/{deliveryId}/replay",
    summary: "Send a delivery again now, as a new delivery of the same message (same `webhook-id`); no body, or `{}`",
    tag: "Webhooks",
    auth: "member",
    permission: "settings:manage",
    body: webhookNoInputSchema,
    success: 201,
  },
  {
    method: "post",
    path: "/api/v1/public/access-reports",
    summary: "Ask for the access report of the patient record with this e-mail address",
    tag: "Patient access reports",
    auth: "public",
    body: accessReportRequestSchema,
    success: 202,
    description:
      "Always answers the same, whoever the address belongs to. The address gets one e-mail either way: a signed link to the record's report (valid 24 hours) when the hospital has an active record with it, or a note that there is nothing to report. At most 3 such e-mails per address and hour; further requests are answered the same and send nothing.",
  },
  {
    method: "get",
    path: "/api/v1/public/access-reports/{token}",
    summary:
      "A patient's access report: every audit event naming the record (or a record merged into it) in a period of days, with who, when, what, and each event's place in the hash chain",
    tag: "Patient access reports",
    auth: "public",
    query: accessReportQuerySchema,
    success: 200,
    description:
      "`from` and `to` are days in the hospital's time zone (default: the last 90 days; at most 366). The newest 1,000 events are listed and `notShown` counts the rest. `chain` gives the chain head when the report was made, the last full verification and, where the chain is anchored, the newest signed anchor. `download=1` answers the same JSON as a file. Opening a report is itself recorded. 404 for an invalid, expired or foreign link.",
  },
  {
    method: "get",
    path: "/api/v1/public/manage/{token}",
    summary:
      "The visit behind a manage link: time, type, provider, status and whether it can still be changed online (404 for any other token)",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/public/manage/{token}/calendar",
    summary:
      "The visit as an iCalendar (.ics) file, times in UTC, without patient details; only for the manage link's holder (404 for any other token)",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/public/manage/{token}/intake",
    summary:
      "The manage link's holder fills in or corrects the visit's intake form until the visit starts; answers the visit as GET /api/v1/public/manage/{token} does",
    tag: "Online booking",
    auth: "public",
    body: intakeSubmissionSchema,
    success: 200,
  },
  {
    method: "put",
    path: "/api/v1/public/manage/{token}/intake/card",
    summary:
      "The manage link's holder adds a photo of their insurance card (base64 JPEG, PNG or WebP, at most 2 MB) after filling in the form",
    tag: "Online booking",
    auth: "public",
    body: cardUploadSchema,
    success: 200,
  },
  {
    method: "get",
    path: "/api/v1/public/calendar-feeds/{token}",
    summary:
      "A provider's calendar subscription as iCalendar (`text/calendar`), for the holder of its address (the token may end in `.ics`); revoked, foreign or made-up tokens answer 404. Each fetch is audited",
    tag: "Calendar feeds",
    auth: "public",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/public/sms/inbound",
    summary:
      "Twilio's webhook for a patient's text reply (form-encoded, signed with `X-Twilio-Signature`); answers TwiML. C confirms the next visit the number was reminded of, R asks to reschedule it (the reply carries the manage link), STOP and START opt the number out and in, anything else gets a short help text",
    tag: "Text messages",
    auth: "public",
    success: 200,
    description:
      "Only a request signed with this organization's auth token (HMAC-SHA1 over the full URL and the sorted POST parameters), for its account SID and sender number, is acted on; anything else answers 403 `forbidden:sms_signature` and changes nothing.",
  },
  {
    method: "post",
    path: "/api/v1/public/manage/{token}/cancel",
    summary: "Cancel the visit (optional `reason`), outside the organization's no-changes window; the patient is e-mailed",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
  {
    method: "post",
    path: "/api/v1/public/manage/{token}/reschedule",
    summary:
      "Move the visit to another free time (`startsAt`) under the online-booking rules, outside the no-changes window (400 `invalid:cancellation_window` inside it)",
    tag: "Online booking",
    auth: "public",
    success: 200,
  },
];

const AUTH_TEXT: Record<Auth, string> = {
  member: "A signed-in member's session cookie, or `Authorization: Bearer <organization API key>`.",
  operator_or_admin: "The platform operator token, a platform operator's session, or a member of this organization with the permission.",
  public: "None (the organization is the host or /org/{slug} path); rate-limited.",
  open_signup: "Optional operator token; without it, self-service sign-up rules apply.",
};

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
      if (def?.type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function queryParameters(schema: z.ZodType) {
  const json = schemaOf(schema) as { properties?: Record<string, unknown>; required?: string[]; allOf?: unknown };
  const properties = json.properties ?? {};
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed in the current window (per minute).", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
};

const ERROR = {
  description: "Error",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          error: {
            type: "object",
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
              details: {
                type: "object",
                description: "With some conflicts: the appointments the request ran into",
                properties: {
                  appointments: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        id: { type: "string", format: "uuid" },
                        patientId: { type: "string", format: "uuid" },
                        startsAt: { type: "string", format: "date-time" },
                        endsAt: { type: "string", format: "date-time" },
                        status: { type: "string" },
                        patientName: { type: "string" },
                        providerName: { type: "string" },
                        appointmentTypeName: { type: "string" },
                      },
                    },
                  },
                },
              },
            },
            required: ["code", "message"],
          },
        },
      },
    },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) =>
      m[1] === "date"
        ? { name: "date", in: "path", required: true, schema: { type: "string", format: "date" } }
        : m[1] === "token"
          ? { name: "token", in: "path", required: true, schema: { type: "string" } }
          : idPath(m[1]!),
    );
    const operation: Record<string, unknown> = {
      summary: op.summary,
      tags: [op.tag],
      description: [op.description, `Authentication: ${AUTH_TEXT[op.auth]}`, op.permission ? `Permission: \`${op.permission}\`.` : ""]
        .filter(Boolean)
        .join("\n\n"),
      parameters: [
        ...pathParams,
        ...(op.query ? queryParameters(op.query) : []),
        ...(op.auth === "member"
          ? [
              {
                name: "X-Organization-ID",
                in: "header",
                required: false,
                schema: { type: "string", format: "uuid" },
                description: "Selects the organization when the host does not (a selector only: membership or the key decides).",
              },
            ]
          : []),
      ],
      responses: {
        [String(op.success)]: { description: op.success === 204 ? "Done" : "Success", headers: RATE_LIMIT_HEADERS },
        "400": ERROR,
        "401": ERROR,
        "403": {
          ...ERROR,
          description:
            "Forbidden. `forbidden:cross_origin`: a write signed by the session cookie that did not come from the organization's own pages (Origin or Sec-Fetch-Site); API keys are exempt.",
        },
        "404": ERROR,
        ...(op.method !== "get"
          ? {
              "409": ERROR,
              "402": ERROR,
              "415": { ...ERROR, description: "`unsupported_media_type`: a request body that is not `application/json`." },
            }
          : {}),
        "429": {
          ...ERROR,
          description:
            "`rate_limited`: too many requests for this organization, route and caller, or for this API key on its plan (Basic 60, Professional 600, Enterprise 3,000 a minute).",
          headers: {
            ...RATE_LIMIT_HEADERS,
            "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
          },
        },
      },
    };
    if (op.body) operation.requestBody = { required: true, content: { "application/json": { schema: schemaOf(op.body) } } };
    (paths[op.path] ??= {})[op.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "AgentCare API",
      version: "1.0.0",
      description:
        'Multi-tenant scheduling for hospitals and clinics. Every request is for one organization: its host (`{slug}.{ROOT_DOMAIN}`), the `/org/{slug}/api/…` path, or the `X-Organization-ID` header. Errors are `{ "error": { "code", "message" } }`: 401 signed out, 403 not a member or wrong organization, 404 unknown tenant or another tenant\'s id, 402 plan limit, 409 conflict, 415 a body that is not JSON, 429 rate limited (see `Retry-After`). Writes signed by the session cookie must come from the same origin; API keys are exempt.',
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "agentcare.session" },
        apiKey: { type: "http", scheme: "bearer", description: "Organization API key (ac_…)" },
      },
    },
    security: [{ session: [] }, { apiKey: [] }],
    paths,
  };
}
