import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument, OPERATIONS } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-900",
  post: "bg-emerald-100 text-emerald-900",
  patch: "bg-amber-100 text-amber-900",
  put: "bg-violet-100 text-violet-900",
  delete: "bg-red-100 text-red-900",
};

type Op = {
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
};

export default function ApiReferencePage() {
  const doc = openApiDocument();
  const tags = [...new Set(OPERATIONS.map((o) => o.tag))];
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-8 p-6 sm:p-10">
      <header className="flex flex-col gap-3">
        <p className="text-sm font-semibold uppercase tracking-wide text-teal-700">AgentCare</p>
        <h1 className="text-3xl font-semibold">API reference</h1>
        <p className="text-slate-600">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <Link href="/api/v1/openapi.json" className="font-medium text-teal-700 underline">
            /api/v1/openapi.json
          </Link>{" "}
          (OpenAPI 3.1, generated from the same schemas the API validates with).
        </p>
        {/* Focusable so keyboard users can scroll the long lines sideways. */}
        <pre tabIndex={0} aria-label="Example requests" className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">
          {`curl -H "Authorization: Bearer ac_…" https://metro-general.agentcare.com/api/v1/appointments?date=2026-12-01
curl -H "X-Organization-ID: <id>" -H "Authorization: Bearer ac_…" https://agentcare.com/api/v1/patients?q=smith`}
        </pre>
      </header>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="flex flex-col gap-3">
          <h2 id={`tag-${tag}`} className="text-xl font-semibold">
            {tag}
          </h2>
          {OPERATIONS.filter((o) => o.tag === tag).map((o) => {
            const op = (doc.paths[o.path] as Record<string, Op>)[o.method]!;
            const params = (op.parameters ?? []).filter((p) => p.in !== "header");
            const body = op.requestBody?.content["application/json"].schema;
            return (
              <article key={`${o.method} ${o.path}`} className="rounded-lg border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[o.method]}`}>
                    {o.method}
                  </span>
                  <code className="break-all text-sm font-semibold">{o.path}</code>
                </div>
                <p className="mt-2 text-slate-700">{o.summary}</p>
                <p className="mt-1 whitespace-pre-line text-sm text-slate-500">{op.description}</p>
                {params.length > 0 && (
                  <p className="mt-2 text-sm">
                    <span className="font-medium">Parameters:</span>{" "}
                    {params.map((p) => (
                      <code key={p.name} className="mr-2 rounded bg-slate-100 px-1">
                        {p.name}
                        {p.required ? "" : "?"}
                      </code>
                    ))}
                  </p>
                )}
                {body !== undefined && (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer font-medium">Request body</summary>
                    <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(body, null, 2)}</pre>
                  </details>
                )}
              </article>
            );
          })}
        </section>
      ))}
    </main>
  );
}
