import { useTranslations } from "next-intl";
import type { HospitalContact as Contact } from "@/lib/organizations/contact";

/**
 * How to reach the hospital when something cannot be done online: its phone (a tap to call), e-mail
 * and address from its profile; when the profile has none, plainly "contact the hospital", never a
 * made-up number.
 */
export function HospitalContact({ contact, lead }: { contact: Contact; lead: string }) {
  const t = useTranslations("Contact");
  const any = contact.phone || contact.email || contact.address;
  return (
    <div className="text-slate-700">
      <p>
        {lead} {any ? t("pleaseContact", { name: contact.name }) : t("contactDirectly", { name: contact.name })}
      </p>
      {any && (
        <dl className="mt-3 grid gap-2 sm:grid-cols-[auto_1fr] sm:gap-x-4">
          {contact.phone && (
            <>
              <dt className="text-sm text-slate-600">{t("phone")}</dt>
              <dd>
                <a
                  href={`tel:${contact.phone.replace(/[^+0-9]/g, "")}`}
                  className="inline-flex min-h-11 items-center font-medium text-[var(--brand-primary)] underline"
                >
                  {contact.phone}
                </a>
              </dd>
            </>
          )}
          {contact.email && (
            <>
              <dt className="text-sm text-slate-600">{t("email")}</dt>
              <dd>
                <a
                  href={`mailto:${contact.email}`}
                  className="inline-flex min-h-11 items-center font-medium text-[var(--brand-primary)] underline"
                >
                  {contact.email}
                </a>
              </dd>
            </>
          )}
          {contact.address && (
            <>
              <dt className="text-sm text-slate-600">{t("address")}</dt>
              <dd>{contact.address}</dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
