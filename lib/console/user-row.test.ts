import { describe, expect, it } from "vitest";
import { initials, toUserDetail, toUserRow, type UserLike } from "./user-row";

const base: UserLike = {
  id: "user_1",
  firstName: "Ada",
  lastName: "Lovelace",
  username: null,
  primaryEmailAddressId: "idn_2",
  emailAddresses: [
    { id: "idn_1", emailAddress: "old@example.com", verification: { status: "unverified" } },
    { id: "idn_2", emailAddress: "ada@example.com", verification: { status: "verified" } },
  ],
  createdAt: 1,
  updatedAt: 2,
  lastSignInAt: null,
  lastActiveAt: 5,
  banned: true,
  locked: false,
  publicMetadata: { plan: "pro", role: "admin", company: { name: "Acme" }, other: 1 },
  privateMetadata: { secret: true },
  unsafeMetadata: null,
};

describe("toUserRow", () => {
  it("uses the primary email, initials, and the chosen metadata keys (objects as JSON)", () => {
    expect(toUserRow(base)).toEqual({
      id: "user_1",
      initials: "AL",
      name: "Ada Lovelace",
      email: "ada@example.com",
      createdAt: 1,
      lastSignInAt: null,
      banned: true,
      locked: false,
      metadata: { plan: "pro", role: "admin", company: '{"name":"Acme"}' },
    });
  });

  it("falls back to the first email and email initials when there is no name", () => {
    const row = toUserRow({ ...base, firstName: null, lastName: " ", primaryEmailAddressId: null });
    expect(row.email).toBe("old@example.com");
    expect(row.initials).toBe("OL");
    expect(row.name).toBe("");
  });

  it.each([
    ["Grace", null, "GR"],
    ["", null, "?"],
    ["Jean Paul Sartre", null, "JS"],
    ["", "9@x.io", "9X"],
  ])("initials(%j, %j) = %s", (name, email, expected) => {
    expect(initials(name, email)).toBe(expected);
  });
});

describe("toUserDetail", () => {
  it("marks the primary email and copies the three metadata bags", () => {
    const d = toUserDetail(base);
    expect(d.emails).toEqual([
      { id: "idn_1", address: "old@example.com", primary: false, verified: false },
      { id: "idn_2", address: "ada@example.com", primary: true, verified: true },
    ]);
    expect(d.metadata).toEqual({ public: base.publicMetadata, private: { secret: true }, unsafe: {} });
    expect(d.lastActiveAt).toBe(5);
  });
});
