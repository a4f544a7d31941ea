import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actionsForRole } from "@/lib/agent/tools";
import { actionList, getAction } from "@/lib/clerk/registry";
import {
  CONSOLE_ROLES,
  can,
  decideAccess,
  effectiveRole,
  grantOf,
  isBootstrapAdmin,
  mayAsk,
  PERMISSIONS,
  POLICY,
  parseAdminEmails,
  permissionFor,
  policyTableMarkdown,
  refusalMessage,
  roleFromMetadata,
  WRITE_PERMISSIONS,
} from "./policy";

const PAIRS = CONSOLE_ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const));

describe("can / mayAsk / decideAccess follow the POLICY table", () => {
  it.each(PAIRS)("%s asking for %s", (role, permission) => {
    const grant = role === "none" ? "no" : POLICY[permission].grants[role];
    expect(grantOf(role, permission)).toBe(grant);
    expect(can(role, permission)).toBe(grant === "yes");
    expect(mayAsk(role, permission)).toBe(grant !== "no");
    const decision = decideAccess({ userId: "user_1", role }, permission);
    expect(decision.allowed).toBe(grant !== "no");
    if (!decision.allowed) expect(decision.reason).toBe("forbidden");
  });

  it.each(PERMISSIONS)("signed out asking for %s -> unauthenticated", (permission) => {
    expect(decideAccess(null, permission)).toMatchObject({ allowed: false, reason: "unauthenticated" });
  });

  it("admins may do everything on their own say-so; viewers read only; a role-less user nothing", () => {
    for (const p of PERMISSIONS) {
      expect(can("admin", p)).toBe(true);
      expect(mayAsk("viewer", p)).toBe(p === "read");
      expect(mayAsk("none", p)).toBe(false);
    }
  });

  it("support: reads, revocations and sign-in links; impersonation only proposed; nothing else", () => {
    expect(PERMISSIONS.map((p) => [p, grantOf("support", p)])).toEqual([
      ["read", "yes"],
      ["revoke_access", "yes"],
      ["sign_in_links", "yes"],
      ["impersonate", "approval"],
      ["write", "no"],
      ["approve", "no"],
    ]);
  });

  it("tells a role-less user what to ask for, a viewer why a write is refused, support what it may propose", () => {
    const none = decideAccess({ userId: "u", role: "none" }, "read");
    const viewer = decideAccess({ userId: "u", role: "viewer" }, "write");
    const support = decideAccess({ userId: "u", role: "support" }, "write");
    expect(!none.allowed && none.message).toMatch(/no console role/);
    expect(!viewer.allowed && viewer.message).toMatch(/read-only/);
    expect(!support.allowed && support.message).toMatch(/support role may not/);
    expect(refusalMessage("support", "impersonate")).toMatch(/an admin has to approve/);
  });
});

describe("every registry action has exactly one permission (new actions are covered automatically)", () => {
  it.each(actionList.map((a) => [a.name, a] as const))("%s", (_name, action) => {
    const permission = permissionFor(action);
    if (action.kind === "read") expect(permission).toBe("read");
    else expect(permission).not.toBe("read");
    const tools = (role: (typeof CONSOLE_ROLES)[number]) => actionsForRole(role).map((a) => a.name);
    for (const role of CONSOLE_ROLES) {
      expect(tools(role).includes(action.name), `${role} sees ${action.name}`).toBe(mayAsk(role, permission));
    }
    // Nothing below admin writes unless the table names the action; support never deletes or edits metadata.
    if (action.kind === "write" && !(action.name in WRITE_PERMISSIONS)) {
      expect(permission).toBe("write");
      expect(mayAsk("support", permission)).toBe(false);
    }
    if (/delete|metadata/i.test(action.name) && action.kind === "write") {
      expect(mayAsk("support", permission)).toBe(false);
    }
  });

  it("every WRITE_PERMISSIONS entry names a registry write", () => {
    for (const name of Object.keys(WRITE_PERMISSIONS)) expect(getAction(name)?.kind, name).toBe("write");
  });

  it("support sees the reads plus exactly the session, sign-in-link and impersonation writes", () => {
    const supportWrites = actionsForRole("support")
      .filter((a) => a.kind === "write")
      .map((a) => a.name)
      .sort();
    expect(supportWrites).toEqual(
      [
        "createSignInToken",
        "impersonateUser",
        "revokeAllSessions",
        "revokeImpersonation",
        "revokeSession",
      ].sort(),
    );
    expect(actionsForRole("support").filter((a) => a.kind === "read")).toEqual(
      actionList.filter((a) => a.kind === "read"),
    );
  });
});

describe("the README shows the policy table", () => {
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((c) => c.trim().replace(/^-+$/, "-"));
  it("its copy equals policyTableMarkdown() (cells compared, padding ignored)", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").split("\n");
    const expected = policyTableMarkdown().split("\n");
    const first = readme.findIndex((l) => l.trim().startsWith("| permission "));
    expect(first, "README has the policy table").toBeGreaterThan(-1);
    const copy = readme.slice(first, first + expected.length);
    expect(copy.map(cells)).toEqual(expected.map(cells));
    expect(readme[first + expected.length]?.trim().startsWith("|"), "no extra rows").toBe(false);
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
    expect(CONSOLE_ROLES).toEqual(["admin", "support", "viewer", "none"]);
    expect(roleFromMetadata({ role: "support" })).toBe("support");
    expect(roleFromMetadata({ role: "Support" })).toBe("none");
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

describe("server actions declare the permission of the registry write they run", () => {
  const dir = new URL("../actions/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const exportsOf = (source: string) =>
    source
      .split(/^(?=export const )/m)
      .slice(1)
      .map((chunk) => {
        const m = /^export const (\w+) = authorizedAction\(\s*"(\w+)"/.exec(chunk);
        const writes = [...chunk.matchAll(/actions\.(\w+)/g)]
          .map((w) => getAction(w[1]!))
          .filter((a) => a?.kind === "write");
        return { name: m?.[1] ?? chunk.slice(0, 40), permission: m?.[2], writes };
      });
  const rows = files.flatMap((f) =>
    exportsOf(readFileSync(new URL(f, dir), "utf8")).map((e) => ({ file: f, ...e })),
  );

  it("found the console's server actions", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows.filter((r) => r.writes.length > 0).map((r) => [`${r.file} ${r.name}`, r] as const))(
    "%s",
    (_label, row) => {
      for (const action of row.writes) expect(row.permission).toBe(permissionFor(action!));
    },
  );
});
