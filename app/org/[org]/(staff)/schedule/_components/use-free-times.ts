import { useQuery } from "@tanstack/react-query";
import { unwrap } from "@/components/actions/action-client";
import { scheduleKeys } from "@/components/scheduling/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import type { AppointmentMode } from "@/lib/db/schema/enum-values";
import { freeTimesAction } from "../actions";

/** The times still free on one day for a type with a provider (for a move, `moving` is the appointment); asked only once all is chosen and `enabled`. */
export function useFreeTimes(
  { type, provider, date, mode, moving }: { type: string; provider: string; date: string; mode: AppointmentMode; moving?: string },
  enabled = true,
) {
  const orgId = useTenant().organization.id;
  return useQuery({
    enabled: enabled && Boolean(type && provider && date),
    queryKey: [...scheduleKeys.freeTimes(orgId, { type, provider, date, mode }), moving ?? null],
    queryFn: () => unwrap(freeTimesAction({ type, provider, from: date, to: date, mode, moving })),
  });
}
