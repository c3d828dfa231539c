"use client";

/** A small text button beside a saved row (change, remove); `label` names the row for screen readers. */
export function RowButton({
  label,
  danger = false,
  disabled,
  onClick,
  children,
}: {
  label: string;
  danger?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      className={`rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 ${danger ? "hover:text-red-700" : ""}`}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/**
 * Saved entries, one row each: what the row says, then its buttons where they may be changed
 * (`actions`, then the remove button). `empty` stands in for an empty list.
 */
export function RowList<T>({
  rows,
  rowKey,
  empty,
  children,
  actions,
  remove,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty: string;
  children: (row: T) => React.ReactNode;
  actions?: (row: T) => React.ReactNode;
  /** The remove button: its text, the name it gives the row, and what it does (disabled while removing). */
  remove?: { text: string; label: (row: T) => string; pending: boolean; onRemove: (row: T) => void };
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((row) => (
        <li key={rowKey(row)} className="flex flex-wrap items-start justify-between gap-2 py-2.5 text-sm">
          <div className="min-w-0">{children(row)}</div>
          {(actions || remove) && (
            <div className="flex gap-1">
              {actions?.(row)}
              {remove && (
                <RowButton label={remove.label(row)} danger disabled={remove.pending} onClick={() => remove.onRemove(row)}>
                  {remove.text}
                </RowButton>
              )}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
