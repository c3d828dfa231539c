// Client-safe: where a staff member turns on (and manages) authenticator-app sign-in, under an
// organization's base path. The one page open to a member whose organization requires two-factor
// authentication before they have turned it on.
export const MFA_ENROLMENT_PATH = "/account/two-factor";

/** The error the sign-in form receives when the password was right and a code is needed. */
export const MFA_CODE_REQUIRED = "mfa_code_required";
