import { requireStaff } from "@/lib/pipeline/staff-page";
import { SettingsNav } from "./_components/settings-nav";

// The admin console: a sub-navigation beside every settings page (each page checks its own permission).
export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  // The staff layout has checked already; this shares its memoised answer and renders nothing for others.
  const access = await requireStaff((await params).org);
  if (access.status !== "ok") return null;
  return (
    <div className="flex flex-col gap-4 md:flex-row md:items-start md:gap-6">
      <div className="md:sticky md:top-4 md:w-44 md:shrink-0">
        <p className="mb-2 hidden px-3 text-xs font-semibold uppercase tracking-wide text-slate-500 md:block">Settings</p>
        <SettingsNav />
      </div>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
