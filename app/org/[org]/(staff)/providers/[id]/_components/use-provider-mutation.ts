"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";

/** A provider change: on success every provider query of this organization is refetched. */
export function useProviderMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  handlers: { onSuccess?: (result: TResult) => void; onError?: (err: unknown) => void } = {},
) {
  const tenant = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: staffKeys.providers(tenant.organization.id) });
      handlers.onSuccess?.(result);
    },
    onError: handlers.onError,
  });
}
