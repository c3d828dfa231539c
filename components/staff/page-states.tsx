import Link from "next/link";
import { forbidden } from "next/navigation";

/**
 * A signed-in member's role lacks the permission a page needs: the page answers 403 with the staff
 * shell's role page (app/org/[org]/(staff)/forbidden.tsx), the same for every staff page. `what`
 * names what the page holds, for whoever reads the page's code.
 */
export function NoAccess({ what }: { what: string }): never {
  void what;
  forbidden();
}

export function NotFoundState({
  title,
  message,
  backHref,
  backLabel,
}: {
  title: string;
  message: string;
  backHref: string;
  backLabel: string;
}) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-3 py-12 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-600">{message}</p>
      <Link href={backHref} className="text-sm font-medium text-[var(--brand-primary)] underline">
        {backLabel}
      </Link>
    </div>
  );
}

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <p role="status" className="py-6 text-sm text-slate-500">
      {label}
    </p>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <span>{message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry} className="font-medium underline">
          Try again
        </button>
      )}
    </div>
  );
}
