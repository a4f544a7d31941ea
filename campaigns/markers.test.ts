// The scans in e2e/secrets.spec.ts and check:deploy can only pass honestly if their markers would match:
// every Local Clerk marker occurs in Local Clerk's own sources, every secret marker matches its secret.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LOCAL_SECRET_KEY,
  LOCAL_TOOL_APPROVAL_SECRET,
  LOCAL_WEBHOOK_SECRET,
} from "@/local-clerk/src/app-env";
import { findMarkers, LOCAL_CLERK_MARKERS, SECRET_MARKERS } from "./support/markers";

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")
          ? readFileSync(join(dir, e.name), "utf8")
          : "",
    )
    .join("\n");
}

describe("campaign markers", () => {
  it("every Local Clerk marker is in Local Clerk's code (so bundling it would be caught)", () => {
    const text = sources("local-clerk/src");
    for (const m of LOCAL_CLERK_MARKERS) expect(m.pattern.test(text), m.name).toBe(true);
  });

  it("every secret marker matches the secret as it would be serialised", () => {
    const blob = JSON.stringify({
      a: LOCAL_SECRET_KEY,
      b: LOCAL_WEBHOOK_SECRET,
      c: LOCAL_TOOL_APPROVAL_SECRET,
      d: "postgresql://app:pw@db.example.com:5432/console",
    });
    expect(findMarkers(blob, SECRET_MARKERS).sort()).toEqual(SECRET_MARKERS.map((m) => m.name).sort());
    expect(findMarkers("pk_live_abc sk_live_other postgres docs", SECRET_MARKERS)).toEqual([]);
  });
});
