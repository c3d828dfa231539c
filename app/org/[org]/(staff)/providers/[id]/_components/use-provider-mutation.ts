"use client";

import { useActionMutation } from "@/components/actions/use-action-mutation";
import { staffKeys } from "@/components/staff/query-keys";
import { useTenant } from "@/components/tenancy/tenant-provider";
import type { ActionResult } from "@/lib/pipeline/action-result";

/**
 * A provider change through its server action: on success every provider query of this
 * organization is refetched; `errors` holds the last failure's form and field errors.
 */
export function useProviderMutation<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: { conflictFields?: Record<string, string>; onSuccess?: (data: T, input: I) => void | Promise<void> } = {},
) {
  const tenant = useTenant();
  return useActionMutation(action, { ...options, invalidate: [staffKeys.providers(tenant.organization.id)] });
}
