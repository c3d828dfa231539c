import type { PatientLanguage } from "./locales";
import en from "./messages/en.json";
import es from "./messages/es.json";

// Every patient-facing text in every language: the pages, the e-mails and the text messages. English
// is the reference; the unit test keeps the other languages complete and their placeholders equal.

export type Messages = typeof en;

export const MESSAGES: Record<PatientLanguage, Messages> = { en, es };

/** What the patient pages' client components need (the e-mail and text namespaces stay on the server). */
export function pageMessages(language: PatientLanguage): Omit<Messages, "Email" | "Sms"> {
  const { Email: _email, Sms: _sms, ...pages } = MESSAGES[language];
  return pages;
}
