import type { Organization } from "@/lib/db/schema";

/** What the API says about an organization (no internal columns). */
export function organizationJson(org: Organization) {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    type: org.type,
    address: org.address,
    contactInfo: org.contactInfo,
    timeZone: org.timeZone,
    plan: org.plan,
    status: org.status,
    subscriptionStatus: org.subscriptionStatus,
    createdAt: org.createdAt,
  };
}
