import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Every door into the application goes through the pipeline: each route handler is a composition
// (tenantRoute, publicRoute, orgAdminRoute, platformRoute), each server action one of tenantAction,
// tenantAdminAction, publicAction, operatorAction, platformAction, and each staff page starts with
// the staff access check. None of them reaches the database, a repository or the request's headers
// by another way.

const ROOT = path.resolve(__dirname, "../..");
const ROUTE_COMPOSERS = new Set(["tenantRoute", "publicRoute", "orgAdminRoute", "platformRoute", "fhirRoute", "fhirPublicRoute"]);
const ACTION_COMPOSERS = new Set(["tenantAction", "tenantAdminAction", "publicAction", "operatorAction", "platformAction"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const FORBIDDEN_IMPORTS = [
  /^@\/lib\/db\/(tenant|client|index)$/,
  /^@\/lib\/db$/,
  /repository$/,
  /^next\/headers$/,
  /^@\/lib\/auth\/session$/,
];

function walk(dir: string, match: (file: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, match, out);
    else if (match(full)) out.push(full);
  }
  return out;
}

function parse(file: string, text = fs.readFileSync(file, "utf8")): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function calleeName(expr: ts.Expression | undefined): string | null {
  if (!expr || !ts.isCallExpression(expr)) return null;
  return ts.isIdentifier(expr.expression) ? expr.expression.text : null;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Problems with the imports of a file that must stay behind the pipeline. */
function importProblems(source: ts.SourceFile): string[] {
  const problems: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const spec = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (FORBIDDEN_IMPORTS.some((pattern) => pattern.test(spec))) problems.push(`imports ${spec}`);
  }
  return problems;
}

/** A route handler module: every HTTP method export is a composition of the pipeline. */
export function routeProblems(source: ts.SourceFile): string[] {
  const problems = importProblems(source);
  const composed = new Map<string, string | null>();
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) composed.set(decl.name.text, calleeName(decl.initializer));
      }
    }
  }
  const check = (exported: string, local: string) => {
    if (!HTTP_METHODS.has(exported)) return;
    const composer = composed.get(local);
    if (!composer || !ROUTE_COMPOSERS.has(composer)) problems.push(`${exported} is not built by ${[...ROUTE_COMPOSERS].join("/")}`);
  };
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement) && statement.name && HTTP_METHODS.has(statement.name.text)) {
      problems.push(`${statement.name.text} is a bare function`);
    }
    if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const decl of statement.declarationList.declarations) if (ts.isIdentifier(decl.name)) check(decl.name.text, decl.name.text);
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      if (statement.moduleSpecifier) problems.push("re-exports handlers from another module");
      for (const el of statement.exportClause.elements) check(el.name.text, (el.propertyName ?? el.name).text);
    }
  }
  return problems;
}

function isUseServer(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return Boolean(
    first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server",
  );
}

/** A "use server" module: every export is an action built by a pipeline composition. */
export function actionProblems(source: ts.SourceFile): string[] {
  const problems = importProblems(source);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement)) {
      problems.push(`${statement.name?.text ?? "default"} is a bare server action`);
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const composer = calleeName(decl.initializer);
        if (!composer || !ACTION_COMPOSERS.has(composer))
          problems.push(`${decl.name.getText(source)} is not built by ${[...ACTION_COMPOSERS].join("/")}`);
      }
    } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      problems.push("exports something other than composed actions");
    }
  }
  return problems;
}

/** A staff page or layout: starts from the staff access check and reads data only through it. */
export function staffPageProblems(source: ts.SourceFile): string[] {
  const problems = importProblems(source);
  let checked = false;
  const visit = (node: ts.Node) => {
    const name = ts.isCallExpression(node) && ts.isIdentifier(node.expression) ? node.expression.text : null;
    if (name === "requireStaff" || name === "loadAsStaff") checked = true;
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!checked) problems.push("never calls requireStaff or loadAsStaff");
  return problems;
}

const relative = (file: string) => path.relative(ROOT, file);
const report = (files: string[], check: (s: ts.SourceFile) => string[]) =>
  files.flatMap((file) => check(parse(file)).map((problem) => `${relative(file)}: ${problem}`));

describe("every door goes through the pipeline", () => {
  const routes = walk(path.join(ROOT, "app"), (f) => /\/route\.tsx?$/.test(f));
  const sources = walk(path.join(ROOT, "app"), (f) => /\.tsx?$/.test(f));
  const actionModules = sources.filter((f) => isUseServer(parse(f)));
  const staffDir = path.join(ROOT, "app", "org", "[org]", "(staff)");
  const staffPages = walk(staffDir, (f) => /\/(page|layout)\.tsx$/.test(f));

  it("finds the doors it checks", () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(actionModules.length).toBeGreaterThan(0);
    expect(staffPages.length).toBeGreaterThan(10);
  });

  it("builds every route handler with a pipeline composition", () => {
    expect(report(routes, routeProblems)).toEqual([]);
  });

  it("builds every server action with tenantAction, tenantAdminAction, publicAction, operatorAction or platformAction", () => {
    expect(report(actionModules, actionProblems)).toEqual([]);
  });

  it("starts every staff page and layout with the staff access check", () => {
    expect(report(staffPages, staffPageProblems)).toEqual([]);
  });

  it("keeps the database, repositories and raw headers out of every page and component", () => {
    const pages = sources.filter((f) => !/\/route\.tsx?$/.test(f));
    expect(report(pages, importProblems)).toEqual([]);
  });
});

describe("the coverage check itself", () => {
  const src = (text: string) => parse("probe.ts", text);

  it("catches a bare handler, a hand-built wrapper and a repository import", () => {
    expect(routeProblems(src(`export async function GET() { return Response.json({}) }`))).toEqual(["GET is a bare function"]);
    expect(routeProblems(src(`const h = myWrapper(() => 1);\nexport { h as POST };`))).toEqual([
      "POST is not built by tenantRoute/publicRoute/orgAdminRoute/platformRoute/fhirRoute/fhirPublicRoute",
    ]);
    expect(routeProblems(src(`import { patientsRepo } from "@/lib/patients/repository";\nexport const GET = tenantRoute({}, f);`))).toEqual(
      ["imports @/lib/patients/repository"],
    );
    expect(routeProblems(src(`export const GET = tenantRoute({ permission: null }, f);`))).toEqual([]);
  });

  it("catches a bare server action and one that reads the database itself", () => {
    expect(actionProblems(src(`"use server";\nexport async function save() {}`))).toEqual(["save is a bare server action"]);
    expect(
      actionProblems(src(`"use server";\nimport { withTenant } from "@/lib/db/tenant";\nexport const a = tenantAction(o, f);`)),
    ).toEqual(["imports @/lib/db/tenant"]);
    expect(actionProblems(src(`"use server";\nexport const a = tenantAction(o, f);\nexport const b = operatorAction(o, f);`))).toEqual([]);
  });

  it("catches a staff page that skips the access check", () => {
    expect(staffPageProblems(src(`export default async function Page() { return null }`))).toEqual([
      "never calls requireStaff or loadAsStaff",
    ]);
    expect(staffPageProblems(src(`export default async function Page() { await requireStaff("x"); }`))).toEqual([]);
  });
});
