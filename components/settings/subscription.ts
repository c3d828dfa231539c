import type { SubscriptionStatus } from "@/lib/db/schema/enums";

export const SUBSCRIPTION_LABELS: Record<SubscriptionStatus, string> = {
  active: "Active",
  past_due: "Payment past due",
  cancelled: "Cancelled",
};

export const SUBSCRIPTION_TONES: Record<SubscriptionStatus, "good" | "warn" | "bad"> = {
  active: "good",
  past_due: "warn",
  cancelled: "bad",
};
