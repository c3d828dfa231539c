"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import { LANGUAGE_COOKIE, LANGUAGE_NAMES, type PatientLanguage } from "@/lib/i18n/locales";

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The patient's choice of language among those the organization offers: kept in a cookie for a
 * year (so it outlasts the browser's own preference), then the page renders again in it.
 */
export function LanguageSwitcher({ offered }: { offered: PatientLanguage[] }) {
  const t = useTranslations("Language");
  const current = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  if (offered.length < 2) return null;
  return (
    <div className="ml-auto flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">
        {t("label")}
      </label>
      <select
        id={id}
        value={current}
        disabled={pending}
        onChange={(e) => {
          const language = e.target.value;
          document.cookie = `${LANGUAGE_COOKIE}=${encodeURIComponent(language)}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
          startTransition(() => router.refresh());
        }}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
      >
        {offered.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
