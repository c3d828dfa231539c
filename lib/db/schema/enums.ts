import { pgEnum } from "drizzle-orm/pg-core";
import * as values from "./enum-values";

export const organizationType = pgEnum("organization_type", values.organizationTypes);
export const organizationPlan = pgEnum("organization_plan", values.organizationPlans);
export const organizationStatus = pgEnum("organization_status", values.organizationStatuses);
export const subscriptionStatus = pgEnum("subscription_status", values.subscriptionStatuses);
export const memberRole = pgEnum("member_role", values.memberRoles);
export const membershipStatus = pgEnum("membership_status", values.membershipStatuses);
export const appointmentStatus = pgEnum("appointment_status", values.appointmentStatuses);
export const appointmentMode = pgEnum("appointment_mode", values.appointmentModes);
export const bookedVia = pgEnum("booked_via", values.bookedViaValues);
export const auditAction = pgEnum("audit_action", values.auditActions);
export const auditOutcome = pgEnum("audit_outcome", values.auditOutcomes);
export const actorType = pgEnum("actor_type", values.actorTypes);

export type {
  ActorType,
  AppointmentMode,
  AppointmentStatus,
  AuditAction,
  AuditOutcome,
  BookedVia,
  Canceller,
  MemberRole,
  OrganizationPlan,
  SubscriptionStatus,
} from "./enum-values";
