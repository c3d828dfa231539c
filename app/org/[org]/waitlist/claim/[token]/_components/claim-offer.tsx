"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { usePatientErrors } from "@/components/i18n/use-patient-errors";
import { tenantHref } from "@/lib/tenancy/href";
import { claimWaitlistOfferAction } from "../actions";

export function ClaimOffer({ basePath, token }: { basePath: string; token: string }) {
  const t = useTranslations("Claim");
  const { formError } = usePatientErrors();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claim() {
    setPending(true);
    setError(null);
    const result = await claimWaitlistOfferAction({ token }).catch(() => null);
    setPending(false);
    if (!result) {
      setError(t("failed"));
      return;
    }
    if (!result.ok) {
      // A malformed link says nothing about fields the patient could correct: it is not a valid link.
      const message = result.formError;
      setError(result.code === "validation" ? formError({ message }, "invalidLink") : formError({ code: result.code, message }));
      return;
    }
    const manage = new URL(result.data.manageUrl);
    router.push(`${tenantHref(basePath, manage.pathname)}?booked=1`);
  }

  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t("heading")}</h1>
      <p className="mt-2 text-slate-600">{t("lead")}</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-amber-900">
          {error}
        </p>
      )}
      <button
        type="button"
        onClick={() => void claim()}
        disabled={pending}
        className="mt-6 rounded-md bg-[var(--brand-primary)] px-5 py-2.5 font-medium text-white disabled:opacity-60"
      >
        {pending ? t("claiming") : t("claim")}
      </button>
    </section>
  );
}
