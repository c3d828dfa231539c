import { z } from "zod";
import { organizationPlans, organizationTypes, patientLanguages } from "@/lib/db/schema/enum-values";
import { slugSchema } from "@/lib/tenancy/slug-schema";
import { email, singleLine, time, timeZone } from "@/lib/validation/fields";

// What an organization's administrators may send: profile, scheduling settings, branding and
// domains. Client-safe: the settings screens and the server validate with the same schemas.

export const addressSchema = z
  .object({
    street: singleLine(200).optional(),
    city: singleLine(100).optional(),
    state: singleLine(100).optional(),
    zip: singleLine(20).optional(),
    country: singleLine(100).optional(),
  })
  .strict();

export const contactInfoSchema = z
  .object({
    phone: singleLine(40)
      .regex(/^[+()0-9 .-]*$/, "Use digits, spaces and + ( ) - . only.")
      .optional(),
    email: z.union([z.literal(""), email]).optional(),
  })
  .strict();

/** An IANA time zone (the shared rule). */
export const timeZoneSchema = timeZone;

const organizationName = singleLine(120).min(2, "Enter the organization's name.");
const organizationType = z.enum(organizationTypes, "Choose hospital, clinic or practice.");

/** organizationService.create input (and POST /api/v1/organizations). */
export const createOrganizationSchema = z.object({
  name: organizationName,
  slug: slugSchema,
  type: organizationType.default("hospital"),
  address: addressSchema.default({}),
  contactInfo: contactInfoSchema.default({}),
  timeZone: timeZoneSchema.default("America/New_York"),
  plan: z.enum(organizationPlans).default("basic"),
});

export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;

/** General settings: any subset of name, type, address, contact and time zone. */
export const profileSchema = z.object({
  name: organizationName.optional(),
  type: organizationType.optional(),
  address: addressSchema.optional(),
  contactInfo: contactInfoSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

export type ProfilePatchInput = z.infer<typeof profileSchema>;

const dayHours = z
  .object({ start: time, end: time, isOpen: z.boolean() })
  .refine((d) => !d.isOpen || d.end > d.start, { message: "Closing time must be after opening time.", path: ["end"] });

/** organizationService.updateSettings input: any subset; business hours per weekday. */
export const settingsPatchSchema = z
  .object({
    enableOnlineBooking: z.boolean(),
    enableTelehealth: z.boolean(),
    businessHours: z
      .object({
        monday: dayHours,
        tuesday: dayHours,
        wednesday: dayHours,
        thursday: dayHours,
        friday: dayHours,
        saturday: dayHours,
        sunday: dayHours,
      })
      .partial(),
    defaultAppointmentDuration: z.coerce.number().int().min(5).max(480),
    bookingHorizonDays: z.coerce.number().int().min(1).max(730),
    staffBookingHorizonDays: z.coerce.number().int().min(1).max(1825),
    minimumNoticeMinutes: z.coerce.number().int().min(0).max(43200),
    cancellationWindowHours: z.coerce.number().int().min(0).max(720),
    telehealthBaseUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })]).nullable(),
    requireMfaForStaff: z.boolean(),
    calendarFeedPatientNames: z.boolean(),
    /** The languages patients can use the booking pages, e-mails and texts in; English always. */
    patientLanguages: z
      .array(z.enum(patientLanguages, "Offer English or Spanish."))
      .max(10, "List each language once.")
      .refine((list) => list.includes("en"), "English is always offered; keep it in the list.")
      .transform((list) => patientLanguages.filter((l) => list.includes(l))),
  })
  .partial()
  .strict();

export type SettingsPatchInput = z.input<typeof settingsPatchSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const hostnameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    "Enter a domain such as book.metrogeneral.com.",
  );

export const addDomainSchema = z.object({ domain: hostnameSchema, isPrimary: z.boolean().default(false) });

export type AddDomainInput = z.infer<typeof addDomainSchema>;

export const brandingSchema = z
  .object({
    displayName: singleLine(120).min(2, "Use at least 2 characters."),
    logoUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "Use an http(s) URL." })]).nullable(),
    primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour like #1d4ed8."),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour like #f59e0b."),
  })
  .partial();

export type BrandingPatchInput = z.infer<typeof brandingSchema>;
