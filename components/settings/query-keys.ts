import { orgQueryKey } from "@/lib/query/client";

// Admin console keys; every one starts with the organization id.
export const settingsKeys = {
  all: (orgId: string) => orgQueryKey(orgId, "settings"),
  profile: (orgId: string) => orgQueryKey(orgId, "settings", "profile"),
  scheduling: (orgId: string) => orgQueryKey(orgId, "settings", "scheduling"),
  branding: (orgId: string) => orgQueryKey(orgId, "settings", "branding"),
  domains: (orgId: string) => orgQueryKey(orgId, "settings", "domains"),
  members: (orgId: string) => orgQueryKey(orgId, "settings", "members"),
  apiKeys: (orgId: string) => orgQueryKey(orgId, "settings", "api-keys"),
  webhooks: (orgId: string) => orgQueryKey(orgId, "settings", "webhooks"),
  webhookDeliveries: (orgId: string, endpointId: string) => orgQueryKey(orgId, "settings", "webhooks", endpointId, "deliveries"),
  locations: (orgId: string) => orgQueryKey(orgId, "settings", "locations"),
  usage: (orgId: string) => orgQueryKey(orgId, "settings", "usage"),
  sms: (orgId: string) => orgQueryKey(orgId, "settings", "sms"),
  sso: (orgId: string) => orgQueryKey(orgId, "settings", "sso"),
  outbox: (orgId: string, status: string | null) => orgQueryKey(orgId, "settings", "outbox", { status }),
};
