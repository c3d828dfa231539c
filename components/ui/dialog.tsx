"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { ToastOutlet } from "./toast";

const PLACEMENTS = {
  /** A side sheet at the right on a desktop, the whole screen on a phone. */
  side: { overlay: "justify-end", panel: "h-full w-full max-w-md overflow-y-auto bg-white p-6 shadow-xl" },
  /** A card near the top; the page behind scrolls when it is taller than the screen. */
  center: { overlay: "items-start justify-center overflow-y-auto p-4", panel: "mt-8 w-full max-w-lg rounded-xl bg-white p-6 shadow-xl" },
} as const;

/**
 * A modal dialog named by its heading, with a close button. The browser's own modal `<dialog>`
 * (showModal): the page behind is inert, so focus stays inside; Escape and a click outside close it;
 * when it closes, focus goes back to whatever opened it.
 */
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
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // Back to the opener when it is still on the page (a refreshed list may have replaced it).
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      // Escape: the caller decides (it unmounts the dialog), so the browser does not close it by itself.
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
      // The dialog element is the dimmed overlay; a click on it (not on the panel) is a click outside.
      onClick={(e) => {
        if (e.target === e.currentTarget) onCloseRef.current();
      }}
      className={`fixed inset-0 z-20 m-0 h-full max-h-none w-full max-w-none border-0 bg-slate-900/30 p-0 text-inherit backdrop:bg-transparent open:flex ${look.overlay}`}
    >
      <div className={look.panel}>
        <div className="mb-4 flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <button
            type="button"
            onClick={() => onCloseRef.current()}
            aria-label="Close"
            className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100"
          >
            ✕
          </button>
        </div>
        {children}
      </div>
      <ToastOutlet />
    </dialog>
  );
}
