import "server-only";
import { setRequestLocale } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { OrganizationSettings } from "@/lib/db/schema";
import { LANGUAGE_COOKIE, negotiateLanguage, offeredLanguages, type PatientLanguage } from "./locales";

export type PatientLanguageChoice = { language: PatientLanguage; offered: PatientLanguage[] };

/**
 * The language of this request's patient page: the switcher's cookie, else the browser's
 * Accept-Language, among the languages the organization offers. Also makes it the language of
 * every translation rendered on the server for this request.
 */
export const patientLanguage = cache(async (settings: Pick<OrganizationSettings, "patientLanguages">): Promise<PatientLanguageChoice> => {
  const offered = offeredLanguages(settings.patientLanguages);
  const language = negotiateLanguage({
    chosen: (await cookies()).get(LANGUAGE_COOKIE)?.value,
    acceptLanguage: (await headers()).get("accept-language"),
    offered,
  });
  setRequestLocale(language);
  return { language, offered };
});
