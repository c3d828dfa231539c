// What the sign-in page says when a single sign-on attempt did not complete: a fixed text per
// reason (the address carries the reason's name only, never a message). Client-safe.

export const SSO_FAILURES = {
  expired: "This sign-in has expired or was started in another browser. Please start again.",
  cancelled: "The sign-in was cancelled at your organization's identity provider.",
  failed: "The sign-in through your organization's identity provider could not be verified. Please try again.",
  unverified: "Your identity provider did not confirm your e-mail address, so it cannot sign you in here.",
  domain: "Your e-mail address's domain cannot sign in to this organization with single sign-on.",
  inactive: "Your membership of this organization is not active. Ask one of its admins.",
  unavailable: "Single sign-on is not available for this organization right now.",
  full: "This organization's plan has no room for another member. Ask one of its admins.",
} as const;

export type SsoFailure = keyof typeof SSO_FAILURES;

export function isSsoFailure(value: string | undefined): value is SsoFailure {
  return Boolean(value && Object.hasOwn(SSO_FAILURES, value));
}
