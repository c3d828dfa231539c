/**
 * The route handlers a build holds, matched the way Next's router matches them: a static segment
 * before a dynamic one (`[id]`) before a catch-all (`[...rest]`), trying the next choice when a
 * branch leads nowhere. Pure: built from the build's app-paths manifest.
 */
export type RouteMatch = { file: string; params: Record<string, string | string[]> };

type Node = {
  file?: string;
  statics: Map<string, Node>;
  dynamic?: { name: string; node: Node };
  catchAll?: { name: string; file: string };
};

const node = (): Node => ({ statics: new Map() });

export type RouteTable = { root: Node; size: number };

/**
 * From the manifest's entries (`"/api/v1/appointments/[id]/route"` → its file), those `keep`
 * accepts. An entry whose shape the table does not know (optional catch-alls, route groups,
 * parallel routes) is left out, so Next keeps serving it.
 */
export function buildRouteTable(manifest: Record<string, string>, keep: (path: string) => boolean): RouteTable {
  const root = node();
  let size = 0;
  for (const [entry, file] of Object.entries(manifest)) {
    if (!entry.endsWith("/route")) continue;
    const path = entry.slice(0, -"/route".length);
    if (!keep(path)) continue;
    const segments = path.split("/").slice(1);
    if (segments.some((s) => s.startsWith("[[") || s.startsWith("(") || s.startsWith("@") || s === "")) continue;
    let at = root;
    let placed = false;
    for (const [i, segment] of segments.entries()) {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (catchAll) {
        if (i === segments.length - 1 && !at.catchAll) {
          at.catchAll = { name: catchAll[1]!, file };
          placed = true;
        }
        break;
      }
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (dynamic) {
        if (at.dynamic && at.dynamic.name !== dynamic[1]) break;
        at.dynamic ??= { name: dynamic[1]!, node: node() };
        at = at.dynamic.node;
      } else {
        if (!at.statics.has(segment)) at.statics.set(segment, node());
        at = at.statics.get(segment)!;
      }
      if (i === segments.length - 1) {
        at.file = file;
        placed = true;
      }
    }
    if (placed) size += 1;
  }
  return { root, size };
}

/**
 * The handler file and params for a path, or null. Only plain paths are matched (no empty, `.` or
 * `..` segments, no percent-encoding, no trailing slash): anything else is left to Next, which
 * normalizes, redirects or refuses it as it always has.
 */
export function matchRoute(table: RouteTable, pathname: string): RouteMatch | null {
  if (!pathname.startsWith("/") || pathname.length < 2 || pathname.endsWith("/") || pathname.includes("%")) return null;
  const segments = pathname.slice(1).split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return null;
  return walk(table.root, segments, 0, {});
}

function walk(at: Node, segments: string[], i: number, params: Record<string, string | string[]>): RouteMatch | null {
  if (i === segments.length) return at.file ? { file: at.file, params } : null;
  const segment = segments[i]!;
  const exact = at.statics.get(segment);
  if (exact) {
    const found = walk(exact, segments, i + 1, params);
    if (found) return found;
  }
  if (at.dynamic) {
    const found = walk(at.dynamic.node, segments, i + 1, { ...params, [at.dynamic.name]: segment });
    if (found) return found;
  }
  if (at.catchAll) return { file: at.catchAll.file, params: { ...params, [at.catchAll.name]: segments.slice(i) } };
  return null;
}
