import Link from "next/link";
import type { ReactNode } from "react";
import { primaryButton } from "@/components/ui/form-field";

/**
 * A staff screen's `<h1>` with, around it: `back`, a link up to the list a record belongs to; `badge`
 * beside the heading (a status); `description` under it; and on the right the screen's main action:
 * `create`, the link to a new record's form (false for those not allowed to add one), or `actions`.
 */
export function PageHeader({
  title,
  back,
  badge,
  description,
  create,
  actions,
}: {
  title: ReactNode;
  back?: { href: string; label: string };
  badge?: ReactNode;
  description?: ReactNode;
  create?: { href: string; label: string } | false;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="min-w-0">
        {back && (
          <Link href={back.href} className="text-sm text-slate-500 hover:underline">
            ← {back.label}
          </Link>
        )}
        <div className={`flex flex-wrap items-center gap-x-3 gap-y-1 ${back ? "mt-1" : ""}`}>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {badge}
        </div>
        {description && <p className="text-sm text-slate-500">{description}</p>}
      </div>
      {create && (
        <Link href={create.href} className={primaryButton}>
          {create.label}
        </Link>
      )}
      {actions}
    </div>
  );
}
