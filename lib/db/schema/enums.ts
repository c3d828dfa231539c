import { pgEnum } from "drizzle-orm/pg-core";

export const organizationType = pgEnum("organization_type", ["hospital", "clinic", "practice"]);
export const organizationPlan = pgEnum("organization_plan", ["basic", "professional", "enterprise"]);
export const organizationStatus = pgEnum("organization_status", ["active", "suspended"]);
export const subscriptionStatus = pgEnum("subscription_status", ["active", "past_due", "cancelled"]);
export const memberRole = pgEnum("member_role", ["owner", "admin", "clinician", "staff"]);
export const membershipStatus = pgEnum("membership_status", ["active", "invited", "suspended"]);
export const appointmentStatus = pgEnum("appointment_status", [
  "scheduled",
  "confirmed",
  "checked_in",
  "completed",
  "cancelled",
  "no_show",
]);
export const appointmentMode = pgEnum("appointment_mode", ["in_person", "telehealth"]);
export const bookedVia = pgEnum("booked_via", ["staff", "online", "api"]);
export const auditAction = pgEnum("audit_action", ["view", "create", "update", "delete", "export"]);
export const auditOutcome = pgEnum("audit_outcome", ["success", "denied", "error"]);
export const actorType = pgEnum("actor_type", ["user", "api_key", "patient", "system", "anonymous"]);

export type MemberRole = (typeof memberRole.enumValues)[number];
export type SubscriptionStatus = (typeof subscriptionStatus.enumValues)[number];
export type OrganizationPlan = (typeof organizationPlan.enumValues)[number];
export type AppointmentStatus = (typeof appointmentStatus.enumValues)[number];
export type AppointmentMode = (typeof appointmentMode.enumValues)[number];
export type BookedVia = (typeof bookedVia.enumValues)[number];
export type AuditAction = (typeof auditAction.enumValues)[number];
export type AuditOutcome = (typeof auditOutcome.enumValues)[number];
export type ActorType = (typeof actorType.enumValues)[number];
