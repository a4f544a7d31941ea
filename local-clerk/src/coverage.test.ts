import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { specOperations } from "@/test/support/org-conformance";
import { bapiCoverage } from "./coverage";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run local-clerk -- --coverage", () => {
  it("prints implemented/total per spec tag, computed from the router and the spec", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "local-clerk/src/cli.ts", "--coverage"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const rows = bapiCoverage();
    for (const r of rows) {
      expect(run.stdout).toMatch(
        new RegExp(`^${r.tag.replace(/[^\w]/g, "\\$&")}\\s+${r.implemented}/${r.total}`, "m"),
      );
    }
    // Totals come from the spec.
    for (const tag of ["Users", "Organizations", "Machines"]) {
      expect(rows.find((r) => r.tag === tag)?.total).toBe(specOperations([tag]).length);
    }
    const users = rows.find((r) => r.tag === "Users");
    expect(users).toMatchObject({ implemented: 35, total: 35, missing: [] });
    // Not implemented by Local Clerk, so the router cannot have claimed them.
    expect(rows.find((r) => r.tag === "Machines")).toMatchObject({ implemented: 0, total: 9 });
  });

  it("--verbose names the missing operations", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "local-clerk/src/cli.ts", "--coverage", "--verbose"],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.stdout).toContain("missing: GET /machines");
  });
});
