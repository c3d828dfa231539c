import type { PatientLanguage } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

// Message keys and languages are checked when compiling: a key missing from English fails the build.
declare module "next-intl" {
  interface AppConfig {
    Locale: PatientLanguage;
    Messages: Messages;
  }
}
