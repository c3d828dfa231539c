import type { ReactNode } from "react";

const CHOSEN = "border-[var(--brand-primary)] bg-[var(--brand-primary)] text-white";
const OPEN = "border-slate-300 hover:border-[var(--brand-primary)]";

/** One free time among others; `pressed` when it is a choice (true once chosen), left out when clicking acts at once. */
export function TimeButton({
  pressed,
  disabled,
  onClick,
  children,
}: {
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
      className={`rounded-md border px-2 py-1 tabular-nums ${pressed ? CHOSEN : OPEN}`}
    >
      {children}
    </button>
  );
}
