import { z } from "zod";

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** An organization's single sign-on set-up, as its admins send it. */
export const ssoSettingsSchema = z.strictObject({
  issuer: z.string().trim().min(1, "Enter the issuer URL.").max(500, "The issuer URL is too long."),
  clientId: z.string().trim().min(1, "Enter the client ID.").max(255, "The client ID is too long."),
  /** Required the first time; left out, the kept secret stays. */
  clientSecret: z.string().min(1, "Enter the client secret.").max(1024, "The client secret is too long.").optional(),
  allowedDomains: z
    .array(z.string().trim().toLowerCase().regex(DOMAIN, "Enter domains such as metrogeneral.org, without @ or http."))
    .min(1, "Enter at least one e-mail domain.")
    .max(20, "At most 20 domains."),
  defaultRole: z.enum(["admin", "clinician", "staff"], "Choose admin, clinician or staff."),
  required: z.boolean(),
  enabled: z.boolean(),
});

export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>;

/** What admins see: everything but the secret. */
export type SsoSettingsView = Omit<SsoSettingsInput, "clientSecret"> & {
  clientSecretSet: boolean;
  /** Where the provider sends people back (register it with the provider). */
  redirectUri: string;
  /** Where the provider may send back-channel logout tokens. */
  backchannelLogoutUri: string;
  updatedAt: string | null;
};
