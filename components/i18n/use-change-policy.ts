"use client";

import { useTranslations } from "next-intl";
import { windowSpan } from "@/lib/scheduling/change-window";

/** The online change window and the policy built on it, in the page's language. */
export function useChangePolicy() {
  const t = useTranslations("Policy");
  const windowText = (hours: number) => {
    const span = windowSpan(hours);
    return span.unit === "days" ? t("days", { days: span.days }) : t("hours", { hours: span.hours });
  };
  const policyText = (hours: number) => (hours === 0 ? t("anyTime") : t("upTo", { window: windowText(hours) }));
  return { windowText, policyText };
}
