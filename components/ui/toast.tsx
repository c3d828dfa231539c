"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

// Short notes about what just happened ("Checked in", "Could not save"), announced to screen
// readers through one polite live region that is always in the page, and never taking focus. A
// note may carry one action (Undo) reachable by Tab; it stays while the pointer or focus is on it.

export type ToastTone = "success" | "error";

export type ToastInput = {
  message: string;
  tone?: ToastTone;
  /** One action, e.g. Undo; the note closes when it is used. */
  action?: { label: string; onAction: () => void };
  /** How long the note stays, in milliseconds (default 6 s; 10 s with an action). */
  durationMs?: number;
};

type Toast = ToastInput & { id: number; tone: ToastTone };

type ToastApi = { show: (toast: ToastInput) => number; dismiss: (id: number) => void };

const ToastContext = createContext<ToastApi | null>(null);

/** The toasts of the app; screens outside the provider (tests, isolated pages) get a silent no-op. */
export function useToast(): ToastApi {
  return useContext(ToastContext) ?? NO_TOASTS;
}

const NO_TOASTS: ToastApi = { show: () => 0, dismiss: () => undefined };

/**
 * While a modal dialog is open the page behind it is inert, so a note there could not be reached or
 * used. Each open dialog renders a `ToastOutlet`; the notes move into the newest one and back out
 * when it closes.
 */
const OutletContext = createContext<((el: HTMLElement, present: boolean) => void) | null>(null);

export function ToastOutlet() {
  const register = useContext(OutletContext);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!register || !el) return;
    register(el, true);
    return () => register(el, false);
  }, [register]);
  return <div ref={ref} />;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback((toast: ToastInput) => {
    next.current += 1;
    const id = next.current;
    // At most three at once: the oldest goes first.
    setToasts((list) => [...list.slice(-2), { ...toast, id, tone: toast.tone ?? "success" }]);
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  const [outlets, setOutlets] = useState<HTMLElement[]>([]);
  const register = useCallback(
    (el: HTMLElement, present: boolean) =>
      setOutlets((list) => (present ? [...list.filter((o) => o !== el), el] : list.filter((o) => o !== el))),
    [],
  );
  const outlet = outlets.at(-1);

  // A named region rather than role=status: the page's own status messages stay the only ones.
  const region = (
    <div
      role="region"
      aria-live="polite"
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-40 flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      {toasts.map((t) => (
        <ToastNote key={t.id} toast={t} dismiss={dismiss} />
      ))}
    </div>
  );

  return (
    <ToastContext.Provider value={api}>
      <OutletContext.Provider value={register}>{children}</OutletContext.Provider>
      {outlet ? createPortal(region, outlet) : region}
    </ToastContext.Provider>
  );
}

function ToastNote({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  const duration = toast.durationMs ?? (toast.action ? 10_000 : 6_000);
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(() => dismiss(toast.id), duration);
    return () => window.clearTimeout(timer);
  }, [held, duration, dismiss, toast.id]);
  const onDismiss = () => dismiss(toast.id);

  const look = toast.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-slate-300 bg-white text-slate-900";
  return (
    <div
      className={`pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${look}`}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setHeld(false);
      }}
    >
      <p className="flex-1">
        {toast.tone === "error" && <span className="sr-only">Error: </span>}
        {toast.message}
      </p>
      {toast.action && (
        <button
          type="button"
          className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium text-[var(--brand-primary)] hover:bg-slate-50"
          onClick={() => {
            toast.action!.onAction();
            onDismiss();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss notification"
        className="rounded px-1.5 py-0.5 text-slate-500 hover:bg-slate-100"
      >
        ✕
      </button>
    </div>
  );
}
