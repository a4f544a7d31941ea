// Prints the Node that runs the project and checks every installed package's `engines.node` against it.
// `npm ci` evaluates engines with the machine's own Node (the installer), before node@24 exists in node_modules;
// this is the check for the runtime that actually runs the code.
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

type LockPackage = { version?: string; engines?: Record<string, string> | string[]; optional?: boolean };

const root = path.resolve(import.meta.dirname, "..");
const required = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).engines.node as string;
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockPackage>;
};

const label = process.argv[2] ?? "runtime";
console.log(`${label}: Node ${process.version} (${process.execPath})`);

const problems: string[] = [];
if (!semver.satisfies(process.version, required)) {
  problems.push(
    `the project needs Node ${required}; run through npm scripts so node_modules/.bin/node is used`,
  );
}
let checked = 0;
for (const [where, pkg] of Object.entries(lock.packages)) {
  const engines = pkg.engines;
  if (!where || pkg.optional || !engines || Array.isArray(engines) || !engines.node) continue;
  checked++;
  if (!semver.satisfies(process.version, engines.node, { includePrerelease: true })) {
    problems.push(`${where.replace(/^.*node_modules\//, "")}@${pkg.version} needs node ${engines.node}`);
  }
}
if (problems.length) {
  console.error(problems.map((p) => `  EBADENGINE ${p}`).join("\n"));
  process.exit(1);
}
console.log(`${label}: engines of ${checked} installed packages satisfied`);
