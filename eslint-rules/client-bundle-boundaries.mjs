// What reaches the browser: a "use client" module and everything it imports, however indirectly,
// is bundled for the browser. This rule follows those imports (through plain modules, stopping at
// "use server" action files, which the browser only calls) and reports the import that brings a
// forbidden module in, with the chain that does it. Files that are not client modules (server
// components, layouts) are checked through the client modules they import directly.
//
// Options: { forbid: [{ pattern, message }] } — `pattern` is a regular expression matched against a
// package specifier ("zod", "temporal-polyfill") or a repository path ("lib/api/openapi.ts").
// Type-only imports are erased by the compiler and never count.
import fs from "node:fs";
import path from "node:path";
import { resolveImport as resolve } from "./resolve-import.mjs";
import ts from "typescript";

const isPackage = (spec) => !spec.startsWith(".") && !spec.startsWith("@/") && !spec.startsWith("/");

function allTypeOnly(elements) {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/** Directive, server-only marker and value imports (static and dynamic) of a source file. */
function scan(text, file) {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  let directive = null;
  const firstStatement = source.statements[0];
  if (firstStatement && ts.isExpressionStatement(firstStatement) && ts.isStringLiteral(firstStatement.expression)) {
    directive = firstStatement.expression.text;
  }
  let serverOnly = false;
  const imports = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const spec = s.moduleSpecifier.text;
      if (spec === "server-only") serverOnly = true;
      const clause = s.importClause;
      if (clause?.isTypeOnly) continue;
      if (
        clause &&
        !clause.name &&
        clause.namedBindings &&
        ts.isNamedImports(clause.namedBindings) &&
        allTypeOnly(clause.namedBindings.elements)
      )
        continue;
      imports.push(spec);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      if (s.isTypeOnly) continue;
      if (s.exportClause && ts.isNamedExports(s.exportClause) && allTypeOnly(s.exportClause.elements)) continue;
      imports.push(s.moduleSpecifier.text);
    }
  }
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) imports.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { directive, serverOnly, imports };
}

const scans = new Map();

function scanFile(file) {
  const mtime = fs.statSync(file).mtimeMs;
  const cached = scans.get(file);
  if (cached && cached.mtime === mtime) return cached.result;
  const result = scan(fs.readFileSync(file, "utf8"), file);
  scans.set(file, { mtime, result });
  return result;
}

function makeRule(description) {
  return {
    meta: {
      type: "problem",
      docs: { description },
      schema: [
        {
          type: "object",
          properties: {
            forbid: {
              type: "array",
              items: {
                type: "object",
                properties: { pattern: { type: "string" }, message: { type: "string" } },
                required: ["pattern", "message"],
                additionalProperties: false,
              },
            },
          },
          additionalProperties: false,
        },
      ],
      messages: {
        forbidden: "{{spec}} brings {{target}} into the browser bundle ({{chain}}). {{message}}",
        serverOnly: '{{spec}} brings the server module {{target}} (import "server-only") into the browser bundle ({{chain}}).',
      },
    },
    create(context) {
      const forbid = (context.options[0]?.forbid ?? []).map((f) => ({ re: new RegExp(f.pattern), message: f.message }));
      const root = context.cwd ?? process.cwd();
      const rel = (file) => path.relative(root, file).split(path.sep).join("/");
      const self = context.filename ?? context.getFilename();
      const selfScan = scan((context.sourceCode ?? context.getSourceCode()).text, self);
      const selfIsClient = selfScan.directive === "use client";

      // file → null (clean) or { target, message, chain: [names…] } for the first forbidden module it reaches.
      const memo = new Map();

      function findInPackage(spec) {
        const hit = forbid.find((f) => f.re.test(spec));
        return hit ? { target: spec, message: hit.message, chain: [spec], kind: "forbidden" } : null;
      }

      function findInFile(file) {
        if (memo.has(file)) return memo.get(file);
        memo.set(file, null); // a cycle reaches nothing new
        const info = scanFile(file);
        const name = rel(file);
        let found = null;
        if (info.directive === "use server") found = null;
        else if (info.serverOnly) found = { target: name, chain: [name], kind: "serverOnly" };
        else {
          const hit = forbid.find((f) => f.re.test(name));
          if (hit) found = { target: name, message: hit.message, chain: [name], kind: "forbidden" };
          else
            for (const spec of info.imports) {
              const inner = reach(file, spec);
              if (inner) {
                found = { ...inner, chain: [name, ...inner.chain] };
                break;
              }
            }
        }
        memo.set(file, found);
        return found;
      }

      function reach(fromFile, spec) {
        if (isPackage(spec)) return findInPackage(spec);
        const target = resolve(fromFile, spec, root);
        return target ? findInFile(target) : null;
      }

      function check(node, spec) {
        if (typeof spec !== "string") return;
        let found;
        if (selfIsClient) found = reach(self, spec);
        else {
          // From a server file only the client modules it renders are bundled for the browser.
          if (isPackage(spec)) return;
          const target = resolve(self, spec, root);
          if (!target || scanFile(target).directive !== "use client") return;
          found = findInFile(target);
        }
        if (!found) return;
        // A client module's own import of a server module is no-server-import-in-client's report.
        if (selfIsClient && found.kind === "serverOnly" && found.chain.length === 1) return;
        context.report({
          node,
          messageId: found.kind,
          data: { spec, target: found.target, chain: found.chain.join(" → "), message: found.message ?? "" },
        });
      }

      const typeOnly = (node) =>
        node.importKind === "type" ||
        node.exportKind === "type" ||
        (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));

      return {
        ImportDeclaration(node) {
          if (!typeOnly(node)) check(node, node.source.value);
        },
        ExportNamedDeclaration(node) {
          if (node.source && !typeOnly(node)) check(node, node.source.value);
        },
        ExportAllDeclaration(node) {
          if (node.exportKind !== "type") check(node, node.source.value);
        },
        ImportExpression(node) {
          if (node.source.type === "Literal") check(node, node.source.value);
        },
      };
    },
  };
}

/** Server code, schemas and heavy libraries never reach the browser. */
export const clientBundle = makeRule("Client modules reach no server code, schemas or heavy libraries, directly or indirectly");
/** Patient pages carry no staff-only code. */
export const patientBundle = makeRule("Patient pages' client modules reach no staff-only code");
