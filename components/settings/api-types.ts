// The JSON the /api/v1/settings handlers send (dates arrive as strings).
import type { SubscriptionPlan } from "@/lib/billing/plans";
import type { MemberRole, OrganizationPlan, SubscriptionStatus } from "@/lib/db/schema/enums";

export type OrganizationType = "hospital" | "clinic" | "practice";
export type Address = { street?: string; city?: string; state?: string; zip?: string; country?: string };
export type ContactInfo = { phone?: string; email?: string };

export type OrganizationProfile = {
  id: string;
  name: string;
  slug: string;
  type: OrganizationType;
  address: Address;
  contactInfo: ContactInfo;
  timeZone: string;
  plan: OrganizationPlan;
  status: "active" | "suspended";
  subscriptionStatus: SubscriptionStatus;
  createdAt: string;
};

export const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];
export type DayHours = { start: string; end: string; isOpen: boolean };

export type SchedulingSettings = {
  enableOnlineBooking: boolean;
  enableTelehealth: boolean;
  businessHours: Record<WeekdayName, DayHours>;
  defaultAppointmentDuration: number;
  bookingHorizonDays: number;
  minimumNoticeMinutes: number;
  cancellationWindowHours: number;
  telehealthBaseUrl: string | null;
  updatedAt: string;
};

export type Branding = { displayName: string; logoUrl: string | null; primaryColor: string; accentColor: string };

export type TxtRecord = { type: "TXT"; name: string; value: string };
export type DomainRow = {
  id: string;
  domain: string;
  isPrimary: boolean;
  verifiedAt: string | null;
  createdAt: string;
  verification: TxtRecord | null;
};

export type Member = {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: MemberRole;
  status: "active" | "invited" | "suspended";
  createdAt: string;
};
export type OpenInvitation = { id: string; email: string | null; role: MemberRole; expiresAt: string; createdAt: string };
export type MemberDirectory = { members: Member[]; invitations: OpenInvitation[] };
export type CreatedInvitation = { id: string; email: string; role: MemberRole; expiresAt: string; url: string };

export type ApiKeyRole = Exclude<MemberRole, "owner">;
export type ApiKeyRow = {
  id: string;
  name: string;
  role: ApiKeyRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  display: string;
};

export type Meter = { used: number; limit: number };
export type UsageReport = {
  plan: SubscriptionPlan;
  month: string;
  users: Meter;
  providers: Meter;
  appointments: Meter;
  subscriptionStatus: SubscriptionStatus;
};
