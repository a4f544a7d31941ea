import path from "node:path";
import { describe, expect, it } from "vitest";
import { localWorldDataDir, selectWorkflowWorld, workflowWorldFor } from "./world";

describe("workflow world selection", () => {
  it("embedded by default, its files next to the PGlite folder (not under .next/)", () => {
    const env: Record<string, string | undefined> = {};
    expect(selectWorkflowWorld(env)).toBe("local");
    expect(env.WORKFLOW_TARGET_WORLD).toBe("local");
    expect(env.WORKFLOW_LOCAL_DATA_DIR).toBe(path.resolve(".data/workflow"));
    expect(localWorldDataDir({ DATABASE_DIR: ".data/demo/db" })).toBe(path.resolve(".data/demo/workflow"));
    expect(localWorldDataDir({ DATABASE_DIR: ":memory:" })).toBe(path.resolve(".data/workflow"));
  });

  it("PostgreSQL world on the console's DATABASE_URL", () => {
    const env: Record<string, string | undefined> = { DATABASE_URL: "postgresql://u@h:5432/app" };
    expect(selectWorkflowWorld(env)).toBe("postgres");
    expect(env).toMatchObject({
      WORKFLOW_TARGET_WORLD: "@workflow/world-postgres",
      WORKFLOW_POSTGRES_URL: "postgresql://u@h:5432/app",
    });
    expect(env.WORKFLOW_LOCAL_DATA_DIR).toBeUndefined();
  });

  it("Vercel's world on Vercel, even with DATABASE_URL", () => {
    const env: Record<string, string | undefined> = { VERCEL: "1", DATABASE_URL: "postgresql://u@h/app" };
    expect(selectWorkflowWorld(env)).toBe("vercel");
    expect(env.WORKFLOW_TARGET_WORLD).toBe("vercel");
    expect(env.WORKFLOW_POSTGRES_URL).toBeUndefined();
  });

  it("an explicit WORKFLOW_TARGET_WORLD and data dir are kept", () => {
    const env: Record<string, string | undefined> = {
      WORKFLOW_TARGET_WORLD: "local",
      WORKFLOW_LOCAL_DATA_DIR: "/tmp/wf",
      DATABASE_URL: "postgresql://u@h/app",
    };
    expect(selectWorkflowWorld(env)).toBe("local");
    expect(env.WORKFLOW_LOCAL_DATA_DIR).toBe("/tmp/wf");
    expect(workflowWorldFor({ WORKFLOW_TARGET_WORLD: "@workflow/world-postgres" })).toBe("postgres");
  });
});
