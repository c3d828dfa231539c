import { orgQueryKey } from "@/lib/query/client";

// The schedule's cache entries, under one family per organization: a booking, a status change, a
// move or a cancellation refreshes every list, detail and free-time entry at once.
export const scheduleKeys = {
  all: (orgId: string) => orgQueryKey(orgId, "appointments"),
  range: (orgId: string, from: string, to: string, providerId: string | undefined, locationId?: string) =>
    orgQueryKey(orgId, "appointments", "range", { from, to, providerId: providerId ?? "all", locationId: locationId ?? "all" }),
  detail: (orgId: string, id: string) => orgQueryKey(orgId, "appointments", "detail", id),
  freeTimes: (orgId: string, query: { type: string; provider: string; date: string; mode: string }) =>
    orgQueryKey(orgId, "appointments", "free-times", query),
  /** The booking dialog's patient picker (under the patients family: a registration refreshes it). */
  patientPicker: (orgId: string, q: string) => orgQueryKey(orgId, "patients", "picker", { q }),
};
