import { useId } from "react";

/** A titled card: one `<section>` with an `<h2>` (or `<h3>`) that names it. */
export function Panel({
  title,
  level = 2,
  actions,
  description,
  children,
  className = "",
}: {
  title: string;
  level?: 2 | 3;
  actions?: React.ReactNode;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const id = useId();
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className={`rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0 flex-1 basis-64">
          <Heading id={id} className="font-semibold">
            {title}
          </Heading>
          {description && <div className="mt-0.5 text-sm text-slate-500">{description}</div>}
        </div>
        {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}

const BADGE_TONES = {
  neutral: "bg-slate-100 text-slate-700",
  good: "bg-emerald-50 text-emerald-700",
  warn: "bg-amber-50 text-amber-800",
  bad: "bg-red-50 text-red-700",
  info: "bg-blue-50 text-blue-700",
  video: "bg-violet-50 text-violet-700",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof BADGE_TONES; children: React.ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${BADGE_TONES[tone]}`}>{children}</span>;
}
