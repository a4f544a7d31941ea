// What must never reach a browser or a deployment bundle: the server secrets, database URLs, and Local
// Clerk's own code (the emulator is a test/dev process, never part of the app).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  LOCAL_SECRET_KEY,
  LOCAL_TOOL_APPROVAL_SECRET,
  LOCAL_WEBHOOK_SECRET,
} from "../../local-clerk/src/app-env";

export const SECRET_MARKERS: { name: string; pattern: RegExp }[] = [
  { name: "Clerk secret key", pattern: new RegExp(escapeRe(LOCAL_SECRET_KEY)) },
  {
    name: "webhook signing secret",
    pattern: new RegExp(escapeRe(LOCAL_WEBHOOK_SECRET.replace(/^whsec_/, ""))),
  },
  { name: "tool approval secret", pattern: new RegExp(escapeRe(LOCAL_TOOL_APPROVAL_SECRET)) },
  { name: "database URL", pattern: /postgres(?:ql)?:\/\/[^\s"'`<>]+@[^\s"'`<>]+/ },
];

/** Strings that exist only in local-clerk/src (log lines, control paths, its data files). */
export const LOCAL_CLERK_MARKERS: { name: string; pattern: RegExp }[] = [
  { name: "unknown-route log line", pattern: /not implemented by Local Clerk/ },
  { name: "control routes", pattern: /\/__local_clerk\/(?:faults|requests|rate-limit|fapi)/ },
  { name: "log prefix", pattern: /\[local-clerk\] / },
  { name: "signing key file", pattern: /signing-key\.pem/ },
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function findMarkers(text: string, markers: { name: string; pattern: RegExp }[]): string[] {
  return markers.filter((m) => m.pattern.test(text)).map((m) => m.name);
}

/** Every text file under `dir` (recursively) that contains a marker: `path: marker`. */
export function scanDir(
  dir: string,
  markers: { name: string; pattern: RegExp }[],
  opts: { skip?: (path: string) => boolean } = {},
): { files: number; hits: string[] } {
  const hits: string[] = [];
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (opts.skip?.(p)) continue;
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(m?js|cjs|json|html|css|rsc|txt|map|body|meta)$/.test(name) && st.size < 50_000_000) {
        files++;
        for (const m of findMarkers(readFileSync(p, "utf8"), markers)) hits.push(`${p}: ${m}`);
      }
    }
  };
  walk(dir);
  return { files, hits };
}
