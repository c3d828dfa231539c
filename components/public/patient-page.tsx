import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { PatientIntl } from "@/components/i18n/patient-intl";
import { BrandMark } from "@/components/shell/brand-mark";
import type { PatientLanguageChoice } from "@/lib/i18n/patient-language";
import { basePathFor, type PublicTenant } from "@/lib/pipeline/public-page";
import { tenantHref } from "@/lib/tenancy/href";

const WIDTHS = { narrow: "max-w-3xl", wide: "max-w-5xl" } as const;

/**
 * A page of a hospital's site for patients: the hospital's mark (a plain link home: leaving needs
 * no client-side router code), the language switcher, and the content in the patient's language.
 */
export function PatientPage({
  tenant,
  languages,
  width = "narrow",
  children,
}: {
  tenant: PublicTenant;
  languages: PatientLanguageChoice;
  width?: keyof typeof WIDTHS;
  children: ReactNode;
}) {
  const base = basePathFor(tenant.request, tenant.organization.slug);
  return (
    <PatientIntl language={languages.language}>
      <div className="flex min-h-screen flex-col">
        <header className="border-b border-slate-200 bg-white">
          <div className={`mx-auto flex ${WIDTHS[width]} items-center gap-3 px-4 py-4`}>
            <a href={tenantHref(base, "/")} className="flex min-h-11 items-center gap-3">
              <BrandMark branding={tenant.branding} />
              <span className="font-semibold">{tenant.branding.displayName}</span>
            </a>
            <LanguageSwitcher offered={languages.offered} />
          </div>
        </header>
        <main className={`mx-auto w-full ${WIDTHS[width]} flex-1 px-4 py-8`}>{children}</main>
      </div>
    </PatientIntl>
  );
}
