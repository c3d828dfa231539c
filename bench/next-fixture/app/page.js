// A trivial dynamic page: rendered on every request, no data.
export const dynamic = "force-dynamic";

export default async function Page() {
  return (
    <main>
      <h1>Benchmark fixture</h1>
      <p>Rendered at {new Date().toISOString()}</p>
    </main>
  );
}
