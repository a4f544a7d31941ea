import { describe, expect, it } from "vitest";
import { parseAdminEmails } from "./policy";
import { type LookedUpUser, resolveIdentity } from "./resolve-role";

function lookup(user: LookedUpUser) {
  const calls: string[] = [];
  const fn = async (userId: string) => {
    calls.push(userId);
    return user;
  };
  return { fn, calls };
}

const none = parseAdminEmails(undefined);

describe("resolveIdentity", () => {
  it.each([
    [{ role: "admin" }, "admin"],
    [{ role: "viewer" }, "viewer"],
    [{}, "none"],
    [{ role: "superuser" }, "none"],
  ])("uses the metadata claim %j without a BAPI call -> %s", async (metadata, role) => {
    const l = lookup({ email: "x@example.com", publicMetadata: { role: "admin" } });
    const id = await resolveIdentity({
      userId: "user_1",
      claims: { sub: "user_1", metadata },
      adminEmails: none,
      lookupUser: l.fn,
    });
    expect(id).toMatchObject({ role, source: "claims" });
    expect(l.calls).toEqual([]);
  });

  it.each([
    [{ role: "admin" }, "admin"],
    [{ role: "viewer" }, "viewer"],
    [{}, "none"],
  ])("falls back to BAPI when the claim is absent: %j -> %s", async (publicMetadata, role) => {
    const l = lookup({ email: "x@example.com", publicMetadata });
    const id = await resolveIdentity({
      userId: "user_1",
      claims: { sub: "user_1" },
      adminEmails: none,
      lookupUser: l.fn,
    });
    expect(id).toEqual({ role, email: "x@example.com", source: "bapi" });
    expect(l.calls).toEqual(["user_1"]);
  });

  it("lets the bootstrap allow-list raise a role-less user to admin, reading the email from BAPI once", async () => {
    const l = lookup({ email: "Boss@Example.com", publicMetadata: {} });
    const id = await resolveIdentity({
      userId: "user_1",
      claims: { metadata: {} },
      adminEmails: parseAdminEmails("boss@example.com"),
      lookupUser: l.fn,
    });
    expect(id).toEqual({ role: "admin", email: "Boss@Example.com", source: "allow-list" });
    expect(l.calls).toHaveLength(1);
  });

  it("prefers an email claim over a BAPI read", async () => {
    const l = lookup({ email: "other@example.com", publicMetadata: {} });
    const id = await resolveIdentity({
      userId: "user_1",
      claims: { metadata: { role: "viewer" }, email: "boss@example.com" },
      adminEmails: parseAdminEmails("boss@example.com"),
      lookupUser: l.fn,
    });
    expect(id.role).toBe("admin");
    expect(l.calls).toEqual([]);
  });

  it("keeps the metadata role for emails not on the list", async () => {
    const l = lookup({ email: "someone@example.com", publicMetadata: {} });
    const id = await resolveIdentity({
      userId: "user_1",
      claims: { metadata: { role: "viewer" } },
      adminEmails: parseAdminEmails("boss@example.com"),
      lookupUser: l.fn,
    });
    expect(id).toEqual({ role: "viewer", email: "someone@example.com", source: "claims" });
  });

  it("treats non-object claims as absent and propagates lookup failures", async () => {
    await expect(
      resolveIdentity({
        userId: "user_1",
        claims: null,
        adminEmails: none,
        lookupUser: async () => Promise.reject(new Error("bapi down")),
      }),
    ).rejects.toThrow("bapi down");
  });
});
