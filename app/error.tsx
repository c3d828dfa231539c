"use client";

import { usePathname } from "next/navigation";

// What a visitor sees when a page fails on our side — most often because the database cannot be
// reached for a moment. Never a stack or a blank page: a plain explanation, the reference the
// server logged (Next's digest), a way to try again once the service is back, and a way home.

/** This site's home: the hospital's own (its host, or its /org/{slug} path) or AgentCare's. */
function homeOf(pathname: string): string {
  const match = /^\/org\/([a-z0-9-]+)(?:\/|$)/i.exec(pathname);
  return match ? `/org/${match[1]}` : "/";
}

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const pathname = usePathname();
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-3 p-8 text-center">
      <title>Temporarily unavailable · AgentCare</title>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">Temporarily unavailable</p>
      <h1 className="text-2xl font-semibold">Something went wrong on our side</h1>
      <p className="text-slate-700">
        AgentCare could not load this page just now. Nothing you entered was lost on our side; please try again in a moment.
      </p>
      {error.digest ? <p className="text-sm text-slate-600">Reference: {error.digest}</p> : null}
      <div className="flex flex-wrap items-center justify-center gap-3">
        <button type="button" onClick={() => reset()} className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white">
          Try again
        </button>
        {/* A full page load: the home page renders afresh, outside whatever failed here. */}
        <a href={homeOf(pathname ?? "/")} className="rounded-md border border-slate-300 px-4 py-2 font-medium">
          Go to the home page
        </a>
      </div>
    </main>
  );
}
