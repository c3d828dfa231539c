import { useId, type ReactNode } from "react";
import { ErrorState, LoadingState } from "@/components/staff/page-states";
import { LoadMore, type PagedQuery } from "@/components/ui/load-more";

type Breakpoint = "sm" | "md" | "lg";

// Written out whole so that Tailwind finds every class.
const SHOWN_FROM: Record<Breakpoint, string> = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
};

const LOOKS = {
  /** Edge to edge in a card, under a shaded head row. */
  card: {
    wrapper: "overflow-x-auto",
    head: "bg-slate-50 text-xs uppercase tracking-wide text-slate-500",
    th: "px-4 py-2 font-medium",
    td: "px-4 py-2.5",
  },
  /** Inside a padded panel, lined up with the panel's text. */
  inset: {
    wrapper: "-mx-4 overflow-x-auto px-4",
    head: "text-xs uppercase tracking-wide text-slate-500",
    th: "py-2 pr-4 font-medium last:pr-0",
    td: "py-2 pr-4 last:pr-0",
  },
} as const;

export type Column<T> = {
  /** The column's head, also its key. */
  header: string;
  /** The head is for screen readers only (a column of row actions). */
  hideHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** Narrower screens leave the column out; the row then shows what matters of it elsewhere. */
  from?: Breakpoint;
  /** The body cells' own classes (alignment, wrapping, figures). */
  className?: string;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
};

export type DataTableProps<T> = {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string;
  /** Said instead of the table when there are no rows. */
  empty: ReactNode;
  look?: keyof typeof LOOKS;
  /** Extra table classes, e.g. a minimum width that makes narrow screens scroll sideways. */
  className?: string;
};

/** A table built from column definitions: one `<th scope="col">` per column, one row per item. */
export function DataTable<T>({ columns, rows, rowKey, rowClassName, empty, look = "card", className = "" }: DataTableProps<T>) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  const style = LOOKS[look];
  const shown = (c: Column<T>) => (c.from ? SHOWN_FROM[c.from] : "");
  return (
    // Focusable so keyboard users can scroll a table wider than the screen sideways.
    <div tabIndex={0} className={style.wrapper}>
      <table className={`w-full text-left text-sm ${className}`}>
        <thead className={style.head}>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={`${style.th} ${shown(c)}`}>
                {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className={`align-top ${rowClassName?.(row) ?? ""}`}>
              {columns.map((c) => {
                const Cell = c.rowHeader ? "th" : "td";
                return (
                  <Cell key={c.header} scope={c.rowHeader ? "row" : undefined} className={`${style.td} ${shown(c)} ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a query's `useQuery`/`useInfiniteQuery` result must offer a QueryTable. */
export type ListQuery = { isPending: boolean; data: unknown; refetch: () => unknown } & (
  { isError: true; error: Error } | { isError: false; error: Error | null }
);

/** A query's rows in a card: loading, a failure with a retry, a sentence when there are none, else the table. */
export function QueryTable<T>({ query, ...table }: DataTableProps<T> & { query: ListQuery }) {
  return (
    <>
      {query.isPending && (
        <div className="px-4">
          <LoadingState />
        </div>
      )}
      {query.isError && (
        <div className="p-4">
          <ErrorState message={query.error.message} onRetry={() => void query.refetch()} />
        </div>
      )}
      {query.data !== undefined && <DataTable {...table} />}
    </>
  );
}

/** Records page by page, each row leading to its own screen; "Load more" under the last. */
export function PagedQueryTable<T extends { id: string }>({
  query,
  ...table
}: Omit<DataTableProps<T>, "rowKey" | "rowClassName"> & { query: ListQuery & PagedQuery }) {
  return (
    <>
      <QueryTable query={query} rowKey={(row) => row.id} rowClassName={() => "hover:bg-slate-50"} {...table} />
      <LoadMore query={query} />
    </>
  );
}

/** A card whose `<h2>` names it, with room beside the heading for a count or a filter; the table fills the rest. */
export function TableSection({
  heading,
  description,
  aside,
  children,
}: {
  heading: ReactNode;
  description?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id={id} className="font-semibold">
            {heading}
          </h2>
          {description && <p className="text-sm text-slate-500">{description}</p>}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** "25 shown", or "25+ shown" while more can be loaded; read out as it changes. */
export function ShownCount({
  busy,
  busyLabel,
  loaded,
  count,
  more,
}: {
  busy: boolean;
  busyLabel: string;
  loaded: boolean;
  count: number;
  more: boolean;
}) {
  return (
    <span aria-live="polite" className="text-sm text-slate-500">
      {busy ? busyLabel : loaded ? `${count}${more ? "+" : ""} shown` : ""}
    </span>
  );
}

/** The sentence a card shows when it has nothing to list. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="px-4 py-6 text-sm text-slate-500">{children}</p>;
}

/** A cell with nothing recorded. */
export function NoValue({ children = "—" }: { children?: ReactNode }) {
  return <span className="text-slate-500">{children}</span>;
}
