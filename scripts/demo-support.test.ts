import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { credentialLines, parseDemoArgs, sourceFingerprint } from "./demo-support";

describe("parseDemoArgs", () => {
  it("defaults to the documented ports and data folder", () => {
    expect(parseDemoArgs([], {})).toEqual({
      reset: false,
      rebuild: false,
      port: 3000,
      clerkPort: 4500,
      seedUsers: 500,
      dataDir: ".data/demo",
      distDir: ".next-demo",
    });
  });

  it("reads flags before env", () => {
    const o = parseDemoArgs(["--reset", "--port", "3200", "--seed-users", "10"], {
      PORT: "3999",
      LOCAL_CLERK_PORT: "4600",
    });
    expect(o).toMatchObject({ reset: true, port: 3200, clerkPort: 4600, seedUsers: 10 });
  });

  it.each([[["--port", "abc"]], [["--port", "70000"]], [["--seed-users", "-1"]], [["--bogus"]]])(
    "refuses %j with a clear error",
    (argv) => {
      expect(() => parseDemoArgs(argv, {})).toThrow();
    },
  );
});

describe("sourceFingerprint", () => {
  function fixture() {
    const root = mkdtempSync(path.join(tmpdir(), "demo-fp-"));
    mkdirSync(path.join(root, "app"), { recursive: true });
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 1");
    writeFileSync(path.join(root, "package-lock.json"), "{}");
    return root;
  }

  it("is stable, changes with a source file or a NEXT_PUBLIC value, ignores tests and server-only env", () => {
    const root = fixture();
    const env = { NEXT_PUBLIC_X: "1", CLERK_SECRET_KEY: "a" };
    const base = sourceFingerprint(root, env);
    expect(sourceFingerprint(root, env)).toBe(base);
    expect(sourceFingerprint(root, { ...env, CLERK_SECRET_KEY: "b" })).toBe(base);
    writeFileSync(path.join(root, "app", "page.test.ts"), "test");
    expect(sourceFingerprint(root, env)).toBe(base);
    expect(sourceFingerprint(root, { ...env, NEXT_PUBLIC_X: "2" })).not.toBe(base);
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 2");
    expect(sourceFingerprint(root, env)).not.toBe(base);
  });
});

describe("credentialLines", () => {
  it("prints one aligned line per account with role, email and password", () => {
    const lines = credentialLines([
      { role: "admin", email: "admin@example.com", password: "pa" },
      { role: "viewer", email: "v@example.com", password: "pv" },
    ]);
    expect(lines).toEqual([
      "  admin   admin@example.com  password: pa",
      "  viewer  v@example.com      password: pv",
    ]);
  });
});
