import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { InsuranceMode } from "./intake-values";
import type { PatientLanguage } from "./enum-values";
import { organizations } from "./organizations";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type DayHours = { start: string; end: string; isOpen: boolean };
export type BusinessHours = Record<Weekday, DayHours>;

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  monday: { start: "09:00", end: "17:00", isOpen: true },
  tuesday: { start: "09:00", end: "17:00", isOpen: true },
  wednesday: { start: "09:00", end: "17:00", isOpen: true },
  thursday: { start: "09:00", end: "17:00", isOpen: true },
  friday: { start: "09:00", end: "17:00", isOpen: true },
  saturday: { start: "09:00", end: "13:00", isOpen: false },
  sunday: { start: "09:00", end: "13:00", isOpen: false },
};

// Tenant table, one row per organization.
export const organizationSettings = pgTable(
  "organization_settings",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    enableOnlineBooking: boolean("enable_online_booking").notNull().default(true),
    enableTelehealth: boolean("enable_telehealth").notNull().default(false),
    businessHours: jsonb("business_hours").$type<BusinessHours>().notNull().default(DEFAULT_BUSINESS_HOURS),
    defaultAppointmentDuration: integer("default_appointment_duration").notNull().default(30),
    bookingHorizonDays: integer("booking_horizon_days").notNull().default(60),
    minimumNoticeMinutes: integer("minimum_notice_minutes").notNull().default(120),
    cancellationWindowHours: integer("cancellation_window_hours").notNull().default(24),
    /** How far ahead staff and API clients may book (patients online: bookingHorizonDays). */
    staffBookingHorizonDays: integer("staff_booking_horizon_days").notNull().default(365),
    telehealthBaseUrl: text("telehealth_base_url"),
    // Staff must sign in with an authenticator app; until they enrol they reach only the enrolment page.
    requireMfaForStaff: boolean("require_mfa_for_staff").notNull().default(false),
    // Clinicians' calendar feeds name the patient only when the organization allows it.
    calendarFeedPatientNames: boolean("calendar_feed_patient_names").notNull().default(false),
    // Whether bookings ask for the patient's insurance (payer, member id, group): off, optional or required.
    insuranceIntake: text("insurance_intake").$type<InsuranceMode>().notNull().default("off"),
    // The languages patients may read the booking pages, e-mails and texts in; English is always one.
    patientLanguages: text("patient_languages")
      .array()
      .$type<PatientLanguage[]>()
      .notNull()
      .default(sql`'{en}'::text[]`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("organization_settings_insurance_intake", sql`${t.insuranceIntake} in ('off', 'optional', 'required')`),
    check("organization_settings_duration_range", sql`${t.defaultAppointmentDuration} between 5 and 480`),
    check("organization_settings_horizon_range", sql`${t.bookingHorizonDays} between 1 and 730`),
    check("organization_settings_notice_range", sql`${t.minimumNoticeMinutes} between 0 and 43200`),
    check("organization_settings_staff_horizon_range", sql`${t.staffBookingHorizonDays} between 1 and 1825`),
    check("organization_settings_cancel_window_range", sql`${t.cancellationWindowHours} between 0 and 720`),
    check(
      "organization_settings_patient_languages_known",
      sql`'en' = any(${t.patientLanguages}) and ${t.patientLanguages} <@ array['en', 'es']::text[]`,
    ),
  ],
);

// Tenant table, one row per organization.
export const organizationBranding = pgTable(
  "organization_branding",
  {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    displayName: text("display_name").notNull(),
    logoUrl: text("logo_url"),
    primaryColor: text("primary_color").notNull().default("#0f766e"),
    accentColor: text("accent_color").notNull().default("#f59e0b"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("organization_branding_primary_hex", sql`${t.primaryColor} ~ '^#[0-9a-fA-F]{6}$'`),
    check("organization_branding_accent_hex", sql`${t.accentColor} ~ '^#[0-9a-fA-F]{6}$'`),
  ],
);

export type OrganizationSettings = typeof organizationSettings.$inferSelect;
export type OrganizationBranding = typeof organizationBranding.$inferSelect;
