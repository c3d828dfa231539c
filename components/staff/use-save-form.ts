"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { formErrorsFrom, useApi, type FieldErrors } from "./api-client";

export type FormErrors = { formError?: string; fieldErrors: FieldErrors };

/**
 * Create (POST to `collection`) or edit (PATCH `collection/{id}`) one record, refresh its lists,
 * and keep every server field error — conflicts included — beside its input.
 */
export function useSaveForm<T, I>({
  collection,
  id,
  invalidate,
  conflictFields,
  onSaved,
}: {
  collection: string;
  id?: string;
  invalidate: QueryKey;
  conflictFields: Record<string, string>;
  onSaved: (saved: T) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FormErrors>({ fieldErrors: {} });
  const mutation = useMutation({
    mutationFn: (input: I) => (id ? api.patch<{ data: T }>(`${collection}/${id}`, input) : api.post<{ data: T }>(collection, input)),
    onSuccess: async ({ data }) => {
      setErrors({ fieldErrors: {} });
      await queryClient.invalidateQueries({ queryKey: invalidate });
      onSaved(data);
    },
    onError: (err) => setErrors(formErrorsFrom(err, conflictFields)),
  });
  return { mutation, errors, setErrors };
}
