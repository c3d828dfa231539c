import { patientLanguages, type PatientLanguage } from "@/lib/db/schema/enum-values";

// Which language a patient reads the booking and manage pages in. Pure and client-safe: the pages,
// the language switcher and the tests share it.

export { patientLanguages, type PatientLanguage };

export const DEFAULT_LANGUAGE: PatientLanguage = "en";

/** The cookie holding the language a patient chose with the switcher. */
export const LANGUAGE_COOKIE = "agentcare_language";

/** Each language named in itself, as a switcher lists them. */
export const LANGUAGE_NAMES: Record<PatientLanguage, string> = { en: "English", es: "Español" };

/** The locale Intl formats dates and times with for each language. */
const INTL_LOCALES: Record<PatientLanguage, string> = { en: "en-US", es: "es-ES" };

export function isPatientLanguage(value: unknown): value is PatientLanguage {
  return typeof value === "string" && (patientLanguages as readonly string[]).includes(value);
}

export function intlLocale(language: string): string {
  return isPatientLanguage(language) ? INTL_LOCALES[language] : INTL_LOCALES.en;
}

/** An organization's offered languages as stored, made safe: known ones only, English always first. */
export function offeredLanguages(stored: readonly string[] | null | undefined): PatientLanguage[] {
  const known = new Set((stored ?? []).filter(isPatientLanguage));
  return patientLanguages.filter((l) => l === DEFAULT_LANGUAGE || known.has(l));
}

/** The language a booking is recorded in: the page's, if the organization (still) offers it, else English. */
export function bookingLanguage(requested: string | null | undefined, offered: readonly PatientLanguage[]): PatientLanguage {
  return isPatientLanguage(requested) && offered.includes(requested) ? requested : DEFAULT_LANGUAGE;
}

/** Accept-Language ranges with their weights, best first (ties keep the browser's order). */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { range: range.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((r) => r.range);
}

/**
 * The language to show: the patient's own choice (the cookie) when the organization offers it,
 * else the browser's most preferred language the organization offers (matching "es-MX" to "es"),
 * else English.
 */
export function negotiateLanguage({
  chosen,
  acceptLanguage,
  offered,
}: {
  chosen?: string | null;
  acceptLanguage?: string | null;
  offered: readonly PatientLanguage[];
}): PatientLanguage {
  if (isPatientLanguage(chosen) && offered.includes(chosen)) return chosen;
  for (const range of parseAcceptLanguage(acceptLanguage)) {
    if (range === "*") break;
    const primary = range.split("-")[0];
    const match = offered.find((l) => l === primary);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}
