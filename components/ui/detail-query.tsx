import { useQuery, type QueryKey, type UseQueryResult } from "@tanstack/react-query";
import { isNotFound } from "@/components/actions/action-client";
import { ErrorState, LoadingState, NotFoundState } from "@/components/staff/page-states";

/**
 * One record for a detail screen. A "not found" answer is final (another organization's id gets the
 * same answer), so it is not retried; anything else is retried once.
 * `initial`: the record as the page loaded it; null when the page already knows there is none (nothing is fetched).
 */
export function useDetailQuery<T>({
  queryKey,
  queryFn,
  initial,
}: {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  initial?: T | null;
}): UseQueryResult<T> {
  return useQuery({
    queryKey,
    queryFn,
    initialData: initial ?? undefined,
    enabled: initial !== null,
    retry: (count, err) => !isNotFound(err) && count < 1,
  });
}

/**
 * What a detail screen shows while its record is not there: loading, not found, or a failure with a retry.
 * Render it while `query.isSuccess` is false. `noun` names the record ("patient"), `listHref` leads back to
 * their list; `hint` follows the not-found sentence. `missing`: the page already found there is no such record.
 */
export function DetailState({
  query,
  noun,
  listHref,
  hint,
  missing = false,
}: {
  query: UseQueryResult<unknown>;
  noun: string;
  listHref: string;
  hint?: string;
  missing?: boolean;
}) {
  if (missing || (query.isError && isNotFound(query.error))) {
    return (
      <NotFoundState
        title={`${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found`}
        message={[`There is no ${noun} with this id in this organization.`, hint].filter(Boolean).join(" ")}
        backHref={listHref}
        backLabel={`Back to ${noun}s`}
      />
    );
  }
  if (query.isError) return <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />;
  return <LoadingState label={`Loading ${noun}…`} />;
}
