import { describe, expect, it } from "vitest";
import { initials, toUserDetail, toUserRow, type UserLike } from "./user-row";

const base: UserLike = {
  id: "user_1",
  first_name: "Ada",
  last_name: "Lovelace",
  primary_email: "ada@example.com",
  email_addresses: ["old@example.com", "ada@example.com"],
  created_at: 1,
  updated_at: 2,
  last_sign_in_at: null,
  last_active_at: 5,
  banned: true,
  locked: false,
  public_metadata: { plan: "pro", role: "admin", company: { name: "Acme" }, other: 1 },
  private_metadata: { secret: true },
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
    const row = toUserRow({ ...base, first_name: null, last_name: " ", primary_email: null });
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
      { address: "old@example.com", primary: false },
      { address: "ada@example.com", primary: true },
    ]);
    expect(d.metadata).toEqual({ public: base.public_metadata, private: { secret: true }, unsafe: {} });
    expect(d.lastActiveAt).toBe(5);
  });
});
