import { orgQueryKey } from "@/lib/query/client";

// Every key starts with the organization id (orgQueryKey); invalidating a prefix refreshes a family.
export const staffKeys = {
  patients: (orgId: string) => orgQueryKey(orgId, "patients"),
  patientSearch: (orgId: string, q: string) => orgQueryKey(orgId, "patients", "search", { q }),
  patient: (orgId: string, id: string) => orgQueryKey(orgId, "patients", "record", id),
  providers: (orgId: string) => orgQueryKey(orgId, "providers"),
  providerList: (orgId: string) => orgQueryKey(orgId, "providers", "list"),
  providerNames: (orgId: string) => orgQueryKey(orgId, "providers", "names"),
  provider: (orgId: string, id: string) => orgQueryKey(orgId, "providers", "detail", id),
  appointmentTypes: (orgId: string) => orgQueryKey(orgId, "appointment-types"),
};
