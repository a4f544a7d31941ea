import { describe, expect, it } from "vitest";
import {
  CONSOLE_ROLES,
  type ConsoleRole,
  can,
  decideAccess,
  effectiveRole,
  isBootstrapAdmin,
  type Permission,
  parseAdminEmails,
  roleFromMetadata,
} from "./policy";

const matrix: Array<[ConsoleRole, Permission, boolean]> = [
  ["admin", "read", true],
  ["admin", "write", true],
  ["viewer", "read", true],
  ["viewer", "write", false],
  ["none", "read", false],
  ["none", "write", false],
];

describe("can", () => {
  it.each(matrix)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });
});

describe("decideAccess", () => {
  it.each(matrix)("%s asking for %s -> allowed=%s", (role, permission, expected) => {
    const decision = decideAccess({ userId: "user_1", role }, permission);
    expect(decision.allowed).toBe(expected);
    if (!decision.allowed) expect(decision.reason).toBe("forbidden");
  });

  it.each(["read", "write"] as const)("signed out asking for %s -> unauthenticated", (permission) => {
    expect(decideAccess(null, permission)).toMatchObject({ allowed: false, reason: "unauthenticated" });
  });

  it("tells a role-less user what to ask for, and a viewer why a write is refused", () => {
    const none = decideAccess({ userId: "u", role: "none" }, "read");
    const viewer = decideAccess({ userId: "u", role: "viewer" }, "write");
    expect(!none.allowed && none.message).toMatch(/no console role/);
    expect(!viewer.allowed && viewer.message).toMatch(/read-only/);
  });
});

describe("roleFromMetadata", () => {
  it.each([
    [{ role: "admin" }, "admin"],
    [{ role: "viewer", plan: "pro" }, "viewer"],
    [{ role: "Admin" }, "none"],
    [{ role: "owner" }, "none"],
    [{ role: ["admin"] }, "none"],
    [{}, "none"],
    [null, "none"],
    [undefined, "none"],
    ["admin", "none"],
    [["admin"], "none"],
  ])("%j -> %s", (metadata, expected) => {
    expect(roleFromMetadata(metadata)).toBe(expected);
  });

  it("covers every role", () => {
    expect(CONSOLE_ROLES).toEqual(["admin", "viewer", "none"]);
  });
});

describe("bootstrap admin allow-list", () => {
  it("parses, trims, lower-cases and drops empties", () => {
    expect([...parseAdminEmails(" A@Example.com ,b@x.io,, ")]).toEqual(["a@example.com", "b@x.io"]);
    expect(parseAdminEmails(undefined).size).toBe(0);
    expect(parseAdminEmails("").size).toBe(0);
  });

  it("matches case-insensitively", () => {
    const list = parseAdminEmails("boss@example.com");
    expect(isBootstrapAdmin("Boss@Example.com", list)).toBe(true);
    expect(isBootstrapAdmin("other@example.com", list)).toBe(false);
    expect(isBootstrapAdmin(null, list)).toBe(false);
  });

  it.each(CONSOLE_ROLES)("raises %s to admin when listed, keeps it otherwise", (role) => {
    const list = parseAdminEmails("boss@example.com");
    expect(effectiveRole(role, "boss@example.com", list)).toBe("admin");
    expect(effectiveRole(role, "someone@example.com", list)).toBe(role);
    expect(effectiveRole(role, undefined, list)).toBe(role);
  });
});

describe("user lifecycle (issue 16): every new write is admin-only on every surface", () => {
  const LIFECYCLE = [
    "createUser",
    "updateUserProfile",
    "setPassword",
    "revokeAllSessions",
    "deleteUser",
    "disableMfa",
    "removeProfileImage",
    "createSignInToken",
    "addEmailAddress",
    "verifyEmailAddress",
    "setPrimaryEmailAddress",
    "removeEmailAddress",
    "addPhoneNumber",
    "verifyPhoneNumber",
    "setPrimaryPhoneNumber",
    "removePhoneNumber",
  ];

  it.each(LIFECYCLE)("%s: a write tool for admins only (viewer reads, member nothing)", async (name) => {
    const { actionsForRole } = await import("@/lib/agent/tools");
    const { getAction } = await import("@/lib/clerk/registry");
    expect(getAction(name)?.kind).toBe("write");
    expect(actionsForRole("admin").map((a) => a.name)).toContain(name);
    expect(actionsForRole("viewer").map((a) => a.name)).not.toContain(name);
    expect(actionsForRole("none")).toEqual([]);
  });

  it("wraps every console server action of lib/actions/user-lifecycle.ts with the write permission", async () => {
    const { readFileSync } = await import("node:fs");
    const source = readFileSync(new URL("../actions/user-lifecycle.ts", import.meta.url), "utf8");
    const exported = [...source.matchAll(/export const (\w+) = (\w+)\(\s*"(\w+)"/g)];
    expect(exported.length).toBeGreaterThanOrEqual(9);
    for (const [, name, wrapper, permission] of exported) {
      expect(`${name}: ${wrapper}(${permission})`).toBe(`${name}: authorizedAction(write)`);
    }
    expect(source.match(/^export /gm)?.length).toBe(exported.length);
  });
});
