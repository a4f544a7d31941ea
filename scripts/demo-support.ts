// Pure helpers for scripts/demo.ts (kept separate so they are unit-tested without starting servers).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

export interface DemoOptions {
  reset: boolean;
  rebuild: boolean;
  port: number;
  clerkPort: number;
  seedUsers: number;
  dataDir: string;
  distDir: string;
}

export function parseDemoArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      reset: { type: "boolean", default: false },
      rebuild: { type: "boolean", default: false },
      port: { type: "string" },
      "clerk-port": { type: "string" },
      "seed-users": { type: "string" },
      "data-dir": { type: "string" },
    },
    strict: true,
  });
  const int = (raw: string | undefined, fallback: number, name: string, min: number, max: number) => {
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
    return n;
  };
  return {
    reset: values.reset ?? false,
    rebuild: values.rebuild ?? false,
    port: int(values.port ?? env.PORT, 3000, "--port", 1, 65_535),
    clerkPort: int(values["clerk-port"] ?? env.LOCAL_CLERK_PORT, 4500, "--clerk-port", 1, 65_535),
    seedUsers: int(values["seed-users"] ?? env.LOCAL_CLERK_SEED_USERS, 500, "--seed-users", 0, 100_000),
    dataDir: values["data-dir"] ?? ".data/demo",
    distDir: env.NEXT_DIST_DIR || ".next-demo",
  };
}

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = [
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
];
const IGNORED = /(^|\/)(node_modules|\.next[^/]*|\.data)(\/|$)|\.test\.tsx?$/;

function listFiles(root: string, dir: string, out: string[]): void {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return;
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (IGNORED.test(rel)) continue;
    if (entry.isDirectory()) listFiles(root, rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

/**
 * A fingerprint of everything `next build` reads, plus the inlined NEXT_PUBLIC_* env: a build is
 * reused only when this matches the one stored beside it.
 */
export function sourceFingerprint(root: string, buildEnv: Record<string, string>): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) listFiles(root, dir, files);
  for (const file of SOURCE_FILES)
    if (existsSync(path.join(root, file)) && statSync(path.join(root, file)).isFile()) files.push(file);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  for (const key of Object.keys(buildEnv).sort()) {
    if (key.startsWith("NEXT_PUBLIC_")) hash.update(`${key}=${buildEnv[key]}\0`);
  }
  return hash.digest("hex");
}

export function credentialLines(
  accounts: ReadonlyArray<{ role: string; email: string; password: string }>,
): string[] {
  const roleWidth = Math.max(...accounts.map((a) => a.role.length));
  const emailWidth = Math.max(...accounts.map((a) => a.email.length));
  return accounts.map(
    (a) => `  ${a.role.padEnd(roleWidth)}  ${a.email.padEnd(emailWidth)}  password: ${a.password}`,
  );
}
