import { createTranslator } from "use-intl/core";
import { DEFAULT_LANGUAGE, intlLocale, isPatientLanguage, type PatientLanguage } from "./locales";
import { MESSAGES } from "./messages";

// Texts written outside a page (e-mails, text messages, calendar entries) in the patient's language.
// The translator comes from the React-free core of the i18n library: the background worker runs
// under the server-components conditions, where the library's main entry would pull in React's
// client context and fail to load.

/** A stored language, or English for anything unknown. */
export function languageOf(value: string | null | undefined): PatientLanguage {
  return isPatientLanguage(value) ? value : DEFAULT_LANGUAGE;
}

export function emailTranslator(language: string | null | undefined) {
  const locale = languageOf(language);
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "Email" });
}

export function smsTranslator(language: string | null | undefined) {
  const locale = languageOf(language);
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "Sms" });
}

/** The Intl locale dates are written in for this language. */
export function dateLocale(language: string | null | undefined): string {
  return intlLocale(languageOf(language));
}
