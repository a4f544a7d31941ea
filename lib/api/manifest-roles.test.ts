import { describe, expect, it } from "vitest";
import { actionsForRole } from "@/lib/agent/tools";
import { CONSOLE_ROLES } from "@/lib/auth/policy";
import { BULK_JOB_TOOL } from "@/lib/jobs/bulk-tool";
import { buildAgentManifest } from "./manifest";

// The manifest a token sees lists what its owner's role (lib/auth/policy) and its scope allow, the same
// set the MCP server registers for it; the anonymous discovery document lists everything.
const ORIGIN = "https://console.example.com";
const names = (m: ReturnType<typeof buildAgentManifest>) => m.actions.map((a) => a.name).sort();

describe("agent manifest for a token's role", () => {
  it("without a token: every published action, no listed_for", () => {
    const all = buildAgentManifest({ origin: ORIGIN });
    expect(all).not.toHaveProperty("listed_for");
    expect(names(all)).toContain("deleteUser");
  });

  it.each(CONSOLE_ROLES)("%s with read+propose: the role's tools (plus the bulk tool for admins)", (role) => {
    const m = buildAgentManifest({ origin: ORIGIN, forToken: { role, scope: "read+propose" } });
    const expected = actionsForRole(role).map((a) => a.name);
    if (role === "admin") expected.push(BULK_JOB_TOOL);
    expect(names(m)).toEqual(expected.sort());
    expect(m).toMatchObject({ listed_for: { role, scope: "read+propose" } });
  });

  it("support: reads plus session, sign-in-link and impersonation writes; no metadata write, no delete", () => {
    const m = names(
      buildAgentManifest({ origin: ORIGIN, forToken: { role: "support", scope: "read+propose" } }),
    );
    expect(m).toContain("revokeSession");
    expect(m).toContain("listUsers");
    for (const refused of ["updateUserMetadata", "deleteUser", "deleteOrganization", BULK_JOB_TOOL])
      expect(m).not.toContain(refused);
  });

  it("a read-only token lists reads only, whatever the role", () => {
    for (const role of CONSOLE_ROLES) {
      const m = buildAgentManifest({ origin: ORIGIN, forToken: { role, scope: "read" } });
      expect(m.actions.every((a) => a.kind === "read")).toBe(true);
    }
  });
});
