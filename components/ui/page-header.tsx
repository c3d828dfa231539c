import Link from "next/link";
import type { ReactNode } from "react";
import { primaryButton } from "@/components/ui/form-field";

/**
 * A staff screen's `<h1>`, an optional line under it, and the screen's main action on the right:
 * `create` is the link to a new record's form (false for those not allowed to add one), `actions` anything else.
 */
export function PageHeader({
  title,
  description,
  create,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  create?: { href: string; label: string } | false;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold">{title}</h1>
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
