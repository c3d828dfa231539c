import type { OrganizationPlan } from "@/lib/db/schema/enums";

// Pure: the subscription plans. Payment happens outside AgentCare; a platform
// operator changes an organization's plan.

export const FEATURES = ["telehealth", "custom_branding", "custom_domains", "api_access", "audit_export"] as const;
export type Feature = (typeof FEATURES)[number];

export interface SubscriptionPlan {
  name: OrganizationPlan;
  label: string;
  userLimit: number;
  providerLimit: number;
  /** Appointments created per calendar month (in the organization's time zone). */
  appointmentLimit: number;
  features: Feature[];
  priceMonthly: number;
  /** Requests per minute one API key may make, across every route. */
  apiRequestsPerMinute: number;
}

export const PLANS: Record<OrganizationPlan, SubscriptionPlan> = {
  basic: {
    name: "basic",
    label: "Basic",
    userLimit: 5,
    providerLimit: 3,
    appointmentLimit: 500,
    features: [],
    priceMonthly: 99,
    apiRequestsPerMinute: 60,
  },
  professional: {
    name: "professional",
    label: "Professional",
    userLimit: 25,
    providerLimit: 15,
    appointmentLimit: 5000,
    features: ["telehealth", "custom_branding", "api_access"],
    priceMonthly: 299,
    apiRequestsPerMinute: 600,
  },
  enterprise: {
    name: "enterprise",
    label: "Enterprise",
    userLimit: 1000,
    providerLimit: 500,
    appointmentLimit: 100_000,
    features: [...FEATURES],
    priceMonthly: 999,
    apiRequestsPerMinute: 3000,
  },
};

export const PLAN_ORDER: OrganizationPlan[] = ["basic", "professional", "enterprise"];

export const FEATURE_LABELS: Record<Feature, string> = {
  telehealth: "Telehealth",
  custom_branding: "Custom branding",
  custom_domains: "Custom domains",
  api_access: "API access",
  audit_export: "Audit log export",
};

export type LimitKind = "users" | "providers" | "appointments";

const LIMIT_LABELS: Record<LimitKind, (n: number) => string> = {
  users: (n) => `${n.toLocaleString("en-US")} users`,
  providers: (n) => `${n.toLocaleString("en-US")} providers`,
  appointments: (n) => `${n.toLocaleString("en-US")} appointments a month`,
};

function limitOf(plan: SubscriptionPlan, kind: LimitKind): number {
  return kind === "users" ? plan.userLimit : kind === "providers" ? plan.providerLimit : plan.appointmentLimit;
}

export function planLimit(plan: OrganizationPlan, kind: LimitKind): number {
  return limitOf(PLANS[plan], kind);
}

/** An API key's budget per minute on this plan (Basic has no API access; its figure is a floor). */
export function apiRequestsPerMinute(plan: OrganizationPlan): number {
  return PLANS[plan].apiRequestsPerMinute;
}

export function hasFeature(plan: OrganizationPlan, feature: Feature): boolean {
  return PLANS[plan].features.includes(feature);
}

/** The cheapest plan above `plan` that raises the limit or has the feature. */
export function upgradeFor(plan: OrganizationPlan, need: { kind: LimitKind } | { feature: Feature }): SubscriptionPlan | null {
  const from = PLAN_ORDER.indexOf(plan);
  for (const name of PLAN_ORDER.slice(from + 1)) {
    const candidate = PLANS[name];
    if ("feature" in need ? candidate.features.includes(need.feature) : limitOf(candidate, need.kind) > limitOf(PLANS[plan], need.kind))
      return candidate;
  }
  return null;
}

/** "Plan limit reached: the Basic plan allows 3 providers. Upgrade to Professional for 15 providers." */
export function limitMessage(plan: OrganizationPlan, kind: LimitKind): string {
  const current = PLANS[plan];
  const next = upgradeFor(plan, { kind });
  const base = `Plan limit reached: the ${current.label} plan allows ${LIMIT_LABELS[kind](limitOf(current, kind))}.`;
  return next
    ? `${base} Upgrade to ${next.label} for ${LIMIT_LABELS[kind](limitOf(next, kind))}.`
    : `${base} Contact AgentCare to raise it.`;
}

export function featureMessage(plan: OrganizationPlan, feature: Feature): string {
  const next = upgradeFor(plan, { feature });
  const base = `${FEATURE_LABELS[feature]} ${feature === "custom_domains" ? "are" : "is"} not included in the ${PLANS[plan].label} plan.`;
  return next ? `${base} Upgrade to ${next.label} to use it.` : base;
}
