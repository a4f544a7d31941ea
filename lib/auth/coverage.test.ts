import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "./policy";

// Static guard: the authorization wrapper cannot be skipped by a new page, route or server action.
// (The e2e matrix checks the same surfaces at runtime, with real sessions.)

const ROOT = path.resolve(import.meta.dirname, "../..");

function files(dir: string, match: (name: string) => boolean, out: string[] = []): string[] {
  const abs = path.join(ROOT, dir);
  for (const name of readdirSync(abs)) {
    const rel = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) continue;
    if (statSync(path.join(ROOT, rel)).isDirectory()) files(rel, match, out);
    else if (match(name)) out.push(rel);
  }
  return out;
}

const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

const parse = (file: string, text: string) =>
  ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );

/** The directive prologue: the leading string-literal statements of a module or function body. */
function directives(statements: readonly ts.Statement[]): string[] {
  const out: string[] = [];
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) break;
    out.push(s.expression.text);
  }
  return out;
}

const isServerModule = (source: ts.SourceFile) => directives(source.statements).includes("use server");

function inlineServerFunctions(source: ts.SourceFile): number {
  let count = 0;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body as ts.Node)) {
      if (directives((node.body as ts.Block).statements).includes("use server")) count += 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

/** `authorizedAction` as imported from lib/auth (not a local function of the same name). */
function importsAuthorizedAction(source: ts.SourceFile): boolean {
  return source.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      /^@\/lib\/auth(\/guards)?$/.test(s.moduleSpecifier.text) &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some(
        (e) => e.name.text === "authorizedAction" && !e.propertyName,
      ),
  );
}

function isAuthorizedActionCall(node: ts.Expression | undefined): boolean {
  if (!node || !ts.isCallExpression(node)) return false;
  const [permission] = node.arguments;
  return (
    ts.isIdentifier(node.expression) &&
    node.expression.text === "authorizedAction" &&
    permission !== undefined &&
    ts.isStringLiteral(permission) &&
    (PERMISSIONS as readonly string[]).includes(permission.text)
  );
}

/**
 * Every way a "use server" module's exports could escape the wrapper: each runtime export must be
 * `export const NAME = authorizedAction(<a lib/auth/policy permission>, schema, fn)`; types are erased and allowed.
 */
function actionExportProblems(source: ts.SourceFile): string[] {
  const problems: string[] = [];
  const wrapperImported = importsAuthorizedAction(source);
  for (const s of source.statements) {
    if (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) continue;
    if (ts.isExportDeclaration(s)) {
      if (!s.isTypeOnly) problems.push(`re-export: ${s.getText(source)}`);
      continue;
    }
    if (ts.isExportAssignment(s)) {
      problems.push(`default export: ${s.getText(source)}`);
      continue;
    }
    const exported =
      ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) {
      problems.push(`not an exported const: ${s.getText(source).split("\n")[0]}`);
      continue;
    }
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !isAuthorizedActionCall(d.initializer) || !wrapperImported) {
        problems.push(`${d.name.getText(source)} is not authorizedAction(<permission>, ...) from @/lib/auth`);
      }
    }
  }
  return problems;
}

/** Route handlers authenticated by something other than the console session, and why. */
const PUBLIC_ROUTES: Record<string, string> = {
  "app/api/health/route.ts": "liveness probe, returns no data",
  "app/api/webhooks/clerk/route.ts": "Svix signature verification",
  "app/api/mcp/route.ts": "personal access token (Bearer), lib/auth/token-auth",
  "app/api/openapi.json/route.ts": "public discovery document, returns no data",
  "app/api/v1/users/route.ts": "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
  "app/api/v1/users/count/route.ts": "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
  "app/api/v1/users/[user_id]/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
  "app/api/v1/users/[user_id]/sessions/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
  "app/api/v1/invitations/route.ts": "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
  "app/api/v1/actions/[name]/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
  "app/api/v1/approvals/[approval_id]/route.ts":
    "personal access token (Bearer), lib/auth/token-auth via lib/api/rest",
};

describe("authorization wrapper coverage", () => {
  const pages = files("app/(console)", (n) => n === "page.tsx");
  it.each(pages)("%s calls requirePageAccess", (file) => {
    expect(read(file)).toMatch(/\brequirePageAccess\(/);
  });

  it("the console layout gates every page before rendering the shell", () => {
    expect(read("app/(console)/layout.tsx")).toMatch(/await requirePageAccess\("read"\)/);
  });

  const routes = files("app/api", (n) => n === "route.ts");
  it.each(routes)(
    "%s wraps every exported method in authorizedRoute (or is an allow-listed public route)",
    (file) => {
      const src = read(file);
      const methods = [
        ...src.matchAll(/export\s+(?:async\s+)?(?:const|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]);
      expect(methods.length).toBeGreaterThan(0);
      if (file in PUBLIC_ROUTES) return;
      for (const method of methods) {
        expect(src, `${method} in ${file}`).toMatch(
          new RegExp(
            `export\\s+const\\s+${method}\\s*=\\s*authorizedRoute\\s*(?:<[^(]*>)?\\(\\s*"(read|write)"`,
          ),
        );
      }
    },
  );

  // Every .ts/.tsx module that could define a server action, parsed (a "use server" directive is a
  // statement, not a string anywhere in the text).
  const candidates = ["app", "components", "lib"]
    .flatMap((dir) => files(dir, (n) => /\.tsx?$/.test(n)))
    .filter((f) => read(f).includes("use server"))
    .map((f) => ({ file: f, source: parse(f, read(f)) }));
  const serverActionFiles = candidates.filter((c) => isServerModule(c.source)).map((c) => c.file);

  it('every "use server" module lives in lib/actions/', () => {
    expect(serverActionFiles.filter((f) => !f.startsWith(`lib${path.sep}actions${path.sep}`))).toEqual([]);
  });

  it('no function declares its own "use server" (inline server actions bypass lib/actions/)', () => {
    expect(candidates.filter((c) => inlineServerFunctions(c.source) > 0).map((c) => c.file)).toEqual([]);
  });

  it.each(serverActionFiles)(
    '%s: every export is `export const NAME = authorizedAction("read" | "write", ...)`',
    (file) => {
      expect(actionExportProblems(parse(file, read(file)))).toEqual([]);
    },
  );

  it("the export check refuses every other shape of export", () => {
    const problems = (body: string) =>
      actionExportProblems(
        parse("x.ts", `"use server";\nimport { authorizedAction } from "@/lib/auth";\n${body}`),
      );
    expect(problems('export const a = authorizedAction("write", s, async () => 1);')).toEqual([]);
    expect(
      problems("export type T = { a: 1 };\nexport interface I { a: 1 }\nexport type { U } from './u';"),
    ).toEqual([]);
    for (const bad of [
      "export async function a(input: unknown) { return inner(input); }",
      "export const a = async (input: unknown) => inner(input);",
      'export const a = wrap(authorizedAction("write", s, fn));',
      "export const a = authorizedAction(permission, s, fn);",
      'export const a = authorizedAction("admin", s, fn);',
      'export let a = authorizedAction("write", s, fn);',
      'export const a = authorizedAction("write", s, fn), b = other;',
      'const a = authorizedAction("write", s, fn);\nexport { a };',
      "export { a } from './elsewhere';",
      "export * from './elsewhere';",
      'export default authorizedAction("write", s, fn);',
      "export class A {}",
    ]) {
      expect(problems(bad), bad).not.toEqual([]);
    }
    const shadowed = parse(
      "x.ts",
      `"use server";\nconst authorizedAction = (p: string, s: unknown, f: unknown) => f;\nexport const a = authorizedAction("write", s, fn);`,
    );
    expect(actionExportProblems(shadowed)).not.toEqual([]);
  });

  it("found the surfaces it guards", () => {
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(routes).toContain("app/api/me/route.ts");
    expect(serverActionFiles).toContain(path.join("lib", "actions", "sessions.ts"));
    expect(serverActionFiles).toContain(path.join("lib", "actions", "users.ts"));
  });
});
