import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// ClerkJS and @clerk/ui are served from node_modules so the browser never loads them from a CDN.
// Entry URLs carry only the major version (`@6`), lazy chunks the exact one: the segment is ignored.
const require = createRequire(import.meta.url);

export const BUNDLE_PACKAGES = {
  "clerk-js": { entry: "@clerk/clerk-js" },
  ui: { entry: "@clerk/ui" },
} as const;

export type BundlePackage = keyof typeof BUNDLE_PACKAGES;

const distDirs = new Map<BundlePackage, string>();

function distDir(pkg: BundlePackage): string {
  let dir = distDirs.get(pkg);
  if (!dir) {
    dir = dirname(require.resolve(BUNDLE_PACKAGES[pkg].entry));
    distDirs.set(pkg, dir);
  }
  return dir;
}

/** `clerk-js@6.40.0` -> `clerk-js`; anything else (other packages, traversal) -> undefined. */
export function bundlePackageFromSegment(segment: string): BundlePackage | undefined {
  const name = segment.split("@")[0] ?? "";
  return name in BUNDLE_PACKAGES ? (name as BundlePackage) : undefined;
}

const SAFE_FILE = /^[A-Za-z0-9_.-]+\.js(\.map)?$/;

export interface Bundle {
  body: Buffer;
  contentType: string;
}

const cache = new Map<string, Buffer>();

export async function readBundle(pkg: BundlePackage, file: string): Promise<Bundle | undefined> {
  if (!SAFE_FILE.test(file) || file.startsWith(".")) return undefined;
  const path = join(distDir(pkg), file);
  let body = cache.get(path);
  if (!body) {
    try {
      body = await readFile(path);
    } catch {
      return undefined;
    }
    cache.set(path, body);
  }
  const contentType = file.endsWith(".map") ? "application/json" : "application/javascript; charset=utf-8";
  return { body, contentType };
}
