import { useId, type ReactNode } from "react";

const PLACEMENTS = {
  /** A side sheet at the right on a desktop, the whole screen on a phone. */
  side: { overlay: "justify-end", panel: "h-full w-full max-w-md overflow-y-auto bg-white p-6 shadow-xl" },
  /** A card near the top; the page behind scrolls when it is taller than the screen. */
  center: { overlay: "items-start justify-center overflow-y-auto p-4", panel: "mt-8 w-full max-w-lg rounded-xl bg-white p-6 shadow-xl" },
} as const;

/** A modal dialog named by its heading, with a close button; a click outside it closes it too. */
export function Dialog({
  title,
  placement,
  onClose,
  children,
}: {
  title: ReactNode;
  placement: keyof typeof PLACEMENTS;
  onClose: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const look = PLACEMENTS[placement];
  return (
    <div
      className={`fixed inset-0 z-20 flex bg-slate-900/30 ${look.overlay}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onClick={onClose}
    >
      <div className={look.panel} onClick={(e) => e.stopPropagation()}>
        <div className="mb-4 flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <button type="button" onClick={onClose} aria-label="Close" className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100">
            ✕
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
