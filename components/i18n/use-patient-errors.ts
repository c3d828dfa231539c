"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { errorKey, fieldErrorKey, type ErrorKey } from "@/lib/i18n/patient-errors";

type ServerError = { code?: string; message?: string } | undefined;

/**
 * The server's errors in the page's language: as sent on an English page, translated by code or
 * by field rule otherwise; `fallback` names the message for an error without words of its own.
 */
export function usePatientErrors() {
  const english = useLocale() === "en";
  const t = useTranslations("Errors");
  const tf = useTranslations("FieldErrors");

  const formError = useCallback(
    (error: ServerError, fallback: ErrorKey = "generic"): string =>
      english && error?.message ? error.message : t(errorKey(error?.code, fallback)),
    [english, t],
  );

  const fieldErrors = useCallback(
    (fields: Record<string, string[]>): Record<string, string[]> => {
      if (english) return fields;
      const translated: Record<string, string[]> = {};
      for (const [field, messages] of Object.entries(fields)) {
        translated[field] = messages.map((message) => {
          const { key, values } = fieldErrorKey(message);
          return key === "tooLong" ? tf("tooLong", { max: values?.max ?? 0 }) : tf(key);
        });
      }
      return translated;
    },
    [english, tf],
  );

  return { formError, fieldErrors };
}
