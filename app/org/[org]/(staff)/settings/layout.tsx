import { SettingsNav } from "./_components/settings-nav";

// The admin console: a sub-navigation beside every settings page (each page checks its own permission).
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
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
