import { NextIntlClientProvider } from "next-intl";
import type { PatientLanguage } from "@/lib/i18n/locales";
import { pageMessages } from "@/lib/i18n/messages";

/**
 * A patient page's content in its language: the translations its client components use, and a
 * `lang` so screen readers pronounce it in that language.
 */
export function PatientIntl({ language, children }: { language: PatientLanguage; children: React.ReactNode }) {
  return (
    <NextIntlClientProvider locale={language} messages={pageMessages(language)}>
      <div lang={language} className="contents">
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
