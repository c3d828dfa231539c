import Link from "next/link";

export default function LandingPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-6 p-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
      <h1 className="text-4xl font-semibold tracking-tight">Scheduling for hospitals and clinics</h1>
      <p className="text-lg text-slate-600">
        Every hospital gets its own site, its own branding and its own data, kept apart from every other hospital in the application and in
        the database.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Link
          href="/sign-up"
          className="inline-flex items-center justify-center rounded-md bg-teal-700 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-teal-800"
        >
          Create your organization
        </Link>
        <Link
          href="/sign-in"
          className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-700 shadow-sm hover:bg-slate-50"
        >
          Sign in
        </Link>
      </div>
      <p className="text-slate-600">
        Demo hospitals:{" "}
        <Link className="font-medium text-teal-700 underline" href="/org/metro-general">
          Metro General Hospital
        </Link>{" "}
        and{" "}
        <Link className="font-medium text-teal-700 underline" href="/org/sunset-clinic">
          Sunset Clinic
        </Link>
        .
      </p>
    </main>
  );
}
