// A client component ("use client") must not import a server module (one that starts with
// `import "server-only"`): the bundler would pull database code toward the browser, and the build
// only says so for the first one it meets. Type-only imports are erased and allowed.
import fs from "node:fs";
import { resolveImport as resolve } from "./resolve-import.mjs";

function isServerOnly(file) {
  const head = fs.readFileSync(file, "utf8").slice(0, 400);
  return /^\s*import\s+["']server-only["'];?/m.test(head.split("\n").filter((l) => l.trim() && !l.trim().startsWith("//"))[0] ?? "");
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Client components never import server modules" },
    schema: [],
    messages: { server: '{{spec}} is a server module (import "server-only"); a client component may only import its types.' },
  },
  create(context) {
    const source = context.sourceCode ?? context.getSourceCode();
    const first = source.ast.body[0];
    const isClient =
      first?.type === "ExpressionStatement" && first.expression.type === "Literal" && first.expression.value === "use client";
    if (!isClient) return {};
    const root = context.cwd ?? process.cwd();
    return {
      ImportDeclaration(node) {
        if (node.importKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) return;
        const target = resolve(context.filename ?? context.getFilename(), node.source.value, root);
        if (target && isServerOnly(target)) context.report({ node, messageId: "server", data: { spec: node.source.value } });
      },
    };
  },
};

export default rule;
