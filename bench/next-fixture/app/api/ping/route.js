// A trivial route handler: no query, no state.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
