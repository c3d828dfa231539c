// The core alone (what next-intl re-exports): it loads no React, so scripts and the worker can write
// e-mails and texts outside Next as well.
import { createTranslator } from "use-intl/core";
import { DEFAULT_LANGUAGE, intlLocale, isPatientLanguage, type PatientLanguage } from "./locales";
import { MESSAGES } from "./messages";

// Texts written outside a page (e-mails, text messages, calendar entries) in the patient's language.

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
