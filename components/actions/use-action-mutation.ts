"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import type { ActionResult } from "@/lib/pipeline/action-result";
import { formErrorsFrom, unwrap, type FormErrors } from "./action-client";

/**
 * A server action as a React Query mutation: the action's data on success (and the listed queries
 * refreshed), an ActionError otherwise. `errors` holds the form state for the last failure, with
 * conflicts placed beside their fields.
 */
export function useActionMutation<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  {
    invalidate = [],
    conflictFields = {},
    onSuccess,
    secret = false,
  }: {
    invalidate?: QueryKey[];
    conflictFields?: Record<string, string>;
    onSuccess?: (data: T, input: I) => void | Promise<void>;
    /** The result holds a secret (a new API key, an invitation link): keep it out of React Query's cache. */
    secret?: boolean;
  } = {},
) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FormErrors>({ fieldErrors: {} });
  const mutation = useMutation({
    mutationFn: (input: I) => unwrap(action(input)),
    ...(secret ? { gcTime: 0 } : {}),
    onSuccess: async (data, input) => {
      setErrors({ fieldErrors: {} });
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      await onSuccess?.(data, input);
    },
    onError: (err) => setErrors(formErrorsFrom(err, conflictFields)),
  });
  return Object.assign(mutation, { errors, setErrors });
}
