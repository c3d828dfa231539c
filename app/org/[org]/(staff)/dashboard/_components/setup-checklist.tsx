import Link from "next/link";
import type { SetupStep } from "@/lib/administration/setup-steps";

/** For admins of an organization still being set up; the dashboard leaves it out once every step is done. */
export function SetupChecklist({ steps }: { steps: (SetupStep & { target: string })[] }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <section aria-labelledby="setup-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id="setup-heading" className="font-semibold">
            Set up your organization
          </h2>
          <p className="text-sm text-slate-500">A few steps before patients can book with you.</p>
        </div>
        <div className="flex items-center gap-2 text-sm text-slate-600">
          <span className="tabular-nums">
            {done} of {steps.length} done
          </span>
          <div
            role="progressbar"
            aria-label="Setup progress"
            aria-valuemin={0}
            aria-valuemax={steps.length}
            aria-valuenow={done}
            className="h-2 w-24 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full rounded-full bg-[var(--brand-primary)]" style={{ width: `${(done / steps.length) * 100}%` }} />
          </div>
        </div>
      </div>
      <ol className="divide-y divide-slate-100">
        {steps.map((step) => (
          <li key={step.id} className="flex items-start gap-3 px-4 py-3">
            <span
              aria-hidden
              className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
                step.done ? "bg-emerald-100 text-emerald-700" : "border border-slate-300 text-transparent"
              }`}
            >
              ✓
            </span>
            <div className="min-w-0 flex-1">
              {step.done ? (
                <p className="text-sm font-medium text-slate-500 line-through decoration-slate-300">{step.label}</p>
              ) : (
                <Link href={step.target} className="text-sm font-medium text-[var(--brand-primary)] underline-offset-2 hover:underline">
                  {step.label}
                </Link>
              )}
              <p className="text-sm text-slate-500">{step.description}</p>
            </div>
            <span className="sr-only">{step.done ? "Done" : "To do"}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
