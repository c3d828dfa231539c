// The values of the database's enums, as plain constants: client code and zod schemas import
// these; lib/db/schema/enums.ts builds the pgEnums from them, so the two cannot drift.

export const organizationTypes = ["hospital", "clinic", "practice"] as const;
export const organizationPlans = ["basic", "professional", "enterprise"] as const;
export const organizationStatuses = ["active", "suspended"] as const;
export const subscriptionStatuses = ["active", "past_due", "cancelled"] as const;
export const memberRoles = ["owner", "admin", "clinician", "staff"] as const;
export const apiKeyRoles = ["admin", "clinician", "staff"] as const;
export const membershipStatuses = ["active", "invited", "suspended"] as const;
export const appointmentStatuses = ["scheduled", "confirmed", "checked_in", "completed", "cancelled", "no_show"] as const;
export const appointmentModes = ["in_person", "telehealth"] as const;
export const bookedViaValues = ["staff", "online", "api"] as const;
/** Who cancelled an appointment: the patient (manage link), the hospital (staff, API), or AgentCare itself. */
export const cancellers = ["patient", "staff", "system"] as const;
export const auditActions = ["view", "create", "update", "delete", "export"] as const;
export const auditOutcomes = ["success", "denied", "error"] as const;
export const actorTypes = ["user", "api_key", "patient", "system", "anonymous"] as const;
/** Languages the patient pages, e-mails and texts can be in; an organization offers English and any of the others. */
export const patientLanguages = ["en", "es"] as const;

export type MemberRole = (typeof memberRoles)[number];
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
export type OrganizationPlan = (typeof organizationPlans)[number];
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export type AppointmentMode = (typeof appointmentModes)[number];
export type BookedVia = (typeof bookedViaValues)[number];
export type Canceller = (typeof cancellers)[number];
export type AuditAction = (typeof auditActions)[number];
export type AuditOutcome = (typeof auditOutcomes)[number];
export type ActorType = (typeof actorTypes)[number];
export type PatientLanguage = (typeof patientLanguages)[number];
