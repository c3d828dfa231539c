// The events an organization's webhook endpoints can receive, and how much a payload may say.
// Client-safe constants: the settings page offers the same lists the server checks.

export const WEBHOOK_EVENT_TYPES = [
  "appointment.booked",
  "appointment.rescheduled",
  "appointment.cancelled",
  "appointment.status_changed",
  "patient.created",
  "patient.updated",
  "waitlist.joined",
  "waitlist.removed",
  "waitlist.offered",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "appointment.booked": "An appointment is booked",
  "appointment.rescheduled": "An appointment moves",
  "appointment.cancelled": "An appointment is cancelled",
  "appointment.status_changed": "An appointment's status changes (checked in, completed, no-show…)",
  "patient.created": "A patient record is created",
  "patient.updated": "A patient record changes",
  "waitlist.joined": "Someone joins the waiting list",
  "waitlist.removed": "Someone is taken off the waiting list",
  "waitlist.offered": "A freed time is offered from the waiting list",
};

/**
 * How much patient information a payload carries, chosen per endpoint: `ids` — the ids of what
 * changed and nothing else (the receiver reads the rest through the API); `schedule` — also times,
 * status, provider, type and location, but not who the patient is; `patient` — also the patient's
 * name, date of birth, e-mail and phone.
 */
export const WEBHOOK_PAYLOAD_DETAILS = ["ids", "schedule", "patient"] as const;
export type WebhookPayloadDetail = (typeof WEBHOOK_PAYLOAD_DETAILS)[number];

export const WEBHOOK_PAYLOAD_DETAIL_LABELS: Record<WebhookPayloadDetail, string> = {
  ids: "Ids only",
  schedule: "Schedule details, without who the patient is",
  patient: "Schedule and patient details (name, date of birth, e-mail, phone)",
};

/** Attempts per delivery before it is given up (backoff 1, 2, 4 … minutes between them). */
export const WEBHOOK_MAX_ATTEMPTS = 8;
/** Deliveries in a row given up before the endpoint is turned off and the admins told. */
export const WEBHOOK_DISABLE_AFTER = 3;
