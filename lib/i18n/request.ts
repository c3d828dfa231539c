import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LANGUAGE, isPatientLanguage } from "./locales";
import { MESSAGES } from "./messages";

// Pages are English unless a patient page has negotiated the language (see patient-language.ts),
// which it sets for the request before rendering; staff pages never do.
export default getRequestConfig(async ({ locale, requestLocale }) => {
  const requested = locale ?? (await requestLocale);
  const language = isPatientLanguage(requested) ? requested : DEFAULT_LANGUAGE;
  return { locale: language, messages: MESSAGES[language] };
});
