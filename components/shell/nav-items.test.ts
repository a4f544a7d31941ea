import { describe, expect, it } from "vitest";
import { isActiveHref, NAV_ITEMS } from "./nav-items";

describe("isActiveHref", () => {
  it.each([
    ["/", "/", true],
    ["/users", "/", false],
    ["/users", "/users", true],
    ["/users/user_123", "/users", true],
    ["/users-export", "/users", false],
    ["/invitations", "/users", false],
  ])("%s vs %s -> %s", (pathname, href, expected) => {
    expect(isActiveHref(pathname, href)).toBe(expected);
  });

  it("lists every console section once", () => {
    expect(NAV_ITEMS.map((i) => i.label)).toEqual([
      "Overview",
      "Users",
      "Organizations",
      "Invitations",
      "Sessions",
      "Access lists",
      "Audit",
      "Chat",
      "Approvals",
      "Jobs",
      "Automations",
    ]);
  });
});
