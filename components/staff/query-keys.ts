import { orgQueryKey } from "@/lib/query/client";

// Every key starts with the organization id (orgQueryKey); invalidating a prefix refreshes a family.
export const staffKeys = {
  patients: (orgId: string) => orgQueryKey(orgId, "patients"),
  patientSearch: (orgId: string, q: string) => orgQueryKey(orgId, "patients", "search", { q }),
  patient: (orgId: string, id: string) => orgQueryKey(orgId, "patients", "record", id),
  /** Every provider query (lists, names, details): what a provider change invalidates. */
  providers: (orgId: string) => orgQueryKey(orgId, "providers"),
  providerList: (orgId: string) => orgQueryKey(orgId, "providers", "list"),
  providerPages: (orgId: string, filter: { activeOnly: boolean }) => orgQueryKey(orgId, "providers", "list", filter),
  providerNames: (orgId: string) => orgQueryKey(orgId, "providers", "names"),
  provider: (orgId: string, id: string) => orgQueryKey(orgId, "providers", "detail", id),
  /** Every appointment-type query: what an appointment-type change invalidates. */
  appointmentTypes: (orgId: string) => orgQueryKey(orgId, "appointment-types"),
  /** Every waiting-list query (the list and its free times): what an offer or removal invalidates. */
  waitlist: (orgId: string) => orgQueryKey(orgId, "waitlist"),
  appointmentTypeList: (orgId: string) => orgQueryKey(orgId, "appointment-types", "list"),
};
