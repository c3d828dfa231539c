// The server writes its answers in English. On a patient page in another language, an error is
// shown in that language: by its code for the whole form, and by what it says for one field
// (the patient form's rules are few and fixed). English pages show the server's own words. The
// texts are copied from the server's schemas (which the browser must not load); the unit test keeps
// them equal.

export type ErrorKey =
  | "generic"
  | "validation"
  | "bookingDisabled"
  | "startsAt"
  | "tooLate"
  | "invalidLink"
  | "notBookable"
  | "overlap"
  | "alreadyWaiting"
  | "statusChanged"
  | "rateLimited"
  | "slotsFailed"
  | "bookFailed"
  | "timeGone"
  | "bookingLoadFailed"
  | "waitlistFailed"
  | "changeFailed"
  | "linkNotValid"
  | "offerGone";

const BY_CODE: Record<string, ErrorKey> = {
  validation: "validation",
  booking_disabled: "bookingDisabled",
  "invalid:starts_at": "startsAt",
  "invalid:cancellation_window": "tooLate",
  "invalid:link": "invalidLink",
  "not_found:appointment": "invalidLink",
  "invalid:appointment_type": "notBookable",
  "invalid:provider": "notBookable",
  "invalid:location": "notBookable",
  "invalid:mode": "notBookable",
  "not_found:appointment_type": "notBookable",
  "not_found:provider": "notBookable",
  "not_found:location": "notBookable",
  "conflict:appointment_overlap": "overlap",
  "conflict:resource_overlap": "overlap",
  "conflict:waitlist_entry": "alreadyWaiting",
  "conflict:status_changed": "statusChanged",
  rate_limited: "rateLimited",
  // A waiting-list offer's claim link.
  "not_found:waitlist_offer": "invalidLink",
  "conflict:offer_gone": "offerGone",
};

/** The message key for an error code the server sent (a code it does not name: the generic one). */
export function errorKey(code: string | undefined, fallback: ErrorKey = "generic"): ErrorKey {
  return (code && BY_CODE[code]) || fallback;
}

export type FieldErrorKey =
  | "firstNameMissing"
  | "lastNameMissing"
  | "realDate"
  | "birthInFuture"
  | "birthUnreadable"
  | "emailInvalid"
  | "phoneCharacters"
  | "singleLine"
  | "tooLong"
  | "smsNeedsMobile"
  | "answerMissing"
  | "yesOrNo"
  | "chooseOption"
  | "multiLine"
  | "payerMissing"
  | "memberIdMissing"
  | "cardMissing"
  | "cardTooLarge"
  | "cardType"
  | "invalid";

export const FIELD_MESSAGES: Record<string, FieldErrorKey> = {
  "Enter your first name.": "firstNameMissing",
  "Enter your last name.": "lastNameMissing",
  "Enter a real date.": "realDate",
  "The date of birth cannot be in the future.": "birthInFuture",
  "Enter your date of birth as day, month and year, for example 23 April 1985.": "birthUnreadable",
  "Enter a valid e-mail address.": "emailInvalid",
  "Use digits, spaces and + ( ) - . only.": "phoneCharacters",
  "Use a single line, without line breaks, tabs or other control characters.": "singleLine",
  "Enter a mobile number to get text reminders (with its country code outside North America).": "smsNeedsMobile",
  // Intake answers and the insurance card photo.
  "Please answer this question.": "answerMissing",
  "Answer yes or no.": "yesOrNo",
  "Choose one of the options.": "chooseOption",
  "Remove tabs and other control characters (line breaks are fine).": "multiLine",
  "Enter your insurance company.": "payerMissing",
  "Enter your member ID.": "memberIdMissing",
  "Choose a photo of your insurance card.": "cardMissing",
  "The photo is too large: use one of at most 2 MB.": "cardTooLarge",
  "Use a JPEG, PNG or WebP photo.": "cardType",
};

/** The key (and its values) for one field's message from the server. */
export function fieldErrorKey(message: string): { key: FieldErrorKey; values?: { max: number } } {
  const known = FIELD_MESSAGES[message];
  if (known) return { key: known };
  const tooLong = /^Use at most (\d+) characters\.$/.exec(message);
  if (tooLong) return { key: "tooLong", values: { max: Number(tooLong[1]) } };
  return { key: "invalid" };
}
