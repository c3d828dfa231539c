import { secondaryButton } from "@/components/ui/form-field";

/** What a `useInfiniteQuery` result must offer LoadMore. */
export type PagedQuery = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };

/** The foot of a paged list: fetches the next page; nothing once the last page is in. */
export function LoadMore({ query }: { query: PagedQuery }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="border-t border-slate-100 px-4 py-3">
      <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} className={secondaryButton}>
        {query.isFetchingNextPage ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}
