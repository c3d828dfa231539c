"use client";

// The last resort, when even the root layout fails: its own <html>, no styles or providers assumed.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <head>
        <title>Temporarily unavailable · AgentCare</title>
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0 }}>
        <main style={{ maxWidth: "36rem", margin: "4rem auto", padding: "0 1.5rem", textAlign: "center" }}>
          <h1 style={{ fontSize: "1.5rem" }}>Something went wrong on our side</h1>
          <p>AgentCare is temporarily unavailable. Please try again in a moment.</p>
          {error.digest ? <p>Reference: {error.digest}</p> : null}
          <p>
            <button type="button" onClick={() => reset()}>
              Try again
            </button>{" "}
            {/* A full page load on purpose: the root layout itself failed, so no client navigation. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/">Go to the home page</a>
          </p>
        </main>
      </body>
    </html>
  );
}
