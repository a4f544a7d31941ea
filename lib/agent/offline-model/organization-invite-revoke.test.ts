import { describe, expect, it } from "vitest";
import { ALL_TOOLS, next, textOf } from "@/test/support/agent/planner-fixtures";
import { calls, ok, results, user } from "@/test/support/agent/prompt-builders";
import { parseRequest } from "./parse-request";

const tools = new Set([
  ...ALL_TOOLS,
  "listOrganizations",
  "listOrganizationInvitations",
  "revokeOrganizationInvitation",
]);

describe("revoking an organization invitation", () => {
  it.each([
    ["revoke the invitation for a@x.com to Acme", "Acme", ["a@x.com"]],
    ["cancel the pending org invite for a@x.com in Globex", "Globex", ["a@x.com"]],
    ["withdraw a@x.com's invitation to Initech", "Initech", ["a@x.com"]],
    ["remove the invitation for a@x.com from the Acme Corp organization", "Acme Corp", ["a@x.com"]],
    [
      "revoke the invitations for a@x.com and b@y.com to Wayne Enterprises",
      "Wayne Enterprises",
      ["a@x.com", "b@y.com"],
    ],
  ])("%s", (text, org, emails) => {
    expect(parseRequest(text)).toEqual({ kind: "orgInviteRevoke", org, emails });
  });

  it("without an organization it stays the app's invitation; an org invite with none named asks which", () => {
    expect(parseRequest("revoke the invitation for a@x.com").kind).toBe("revokeInvitation");
    expect(parseRequest("revoke the invitation sent to a@x.com").kind).toBe("revokeInvitation");
    expect(parseRequest("revoke the invitation for a@x.com to the app").kind).toBe("revokeInvitation");
    expect(parseRequest("cancel the org invite for a@x.com")).toMatchObject({ kind: "reply" });
    expect(parseRequest("revoke the invitation to Acme")).toMatchObject({ kind: "reply" });
  });

  const ask = "revoke the invitation for a@x.com to Acme";
  const orgLookup = [
    user(ask),
    calls(["c1", "listOrganizations", { query: "Acme", limit: 10 }]),
    results([
      "c1",
      "listOrganizations",
      ok({ organizations: [{ id: "org_1", name: "Acme", slug: "acme" }] }),
    ]),
  ];
  const listing = (invitations: unknown[]) => [
    ...orgLookup,
    calls(["c2", "listOrganizationInvitations", { organization_id: "org_1", status: "pending", limit: 500 }]),
    results(["c2", "listOrganizationInvitations", ok({ invitations, total_count: invitations.length })]),
  ];

  it("lists the organization's pending invitations, then revokes only the exact email's", () => {
    expect(next(orgLookup, tools)).toEqual({
      type: "tool-calls",
      calls: [
        {
          toolName: "listOrganizationInvitations",
          input: { organization_id: "org_1", status: "pending", limit: 500 },
        },
      ],
    });
    const invitations = [
      { id: "orginv_2", email_address: "aa@x.com", status: "pending" },
      { id: "orginv_3", email_address: "A@x.com", status: "pending" },
    ];
    expect(next(listing(invitations), tools)).toEqual({
      type: "tool-calls",
      calls: [
        {
          toolName: "revokeOrganizationInvitation",
          input: { organization_id: "org_1", invitation_id: "orginv_3" },
        },
      ],
    });
  });

  it("says so when there is no pending invitation for the email, and proposes nothing", () => {
    const d = next(listing([{ id: "orginv_2", email_address: "other@x.com", status: "pending" }]), tools);
    expect(d.type).toBe("text");
    expect(textOf(d)).toMatch(/No pending invitation to “Acme” for a@x\.com/);
  });

  it("answers with the outcome after the approval", () => {
    const prompt = [
      ...listing([{ id: "orginv_3", email_address: "a@x.com", status: "pending" }]),
      calls(["c3", "revokeOrganizationInvitation", { organization_id: "org_1", invitation_id: "orginv_3" }]),
      results(["c3", "revokeOrganizationInvitation", ok({ id: "orginv_3", status: "revoked" })]),
    ];
    expect(textOf(next(prompt, tools))).toMatch(/<a@x\.com>: invitation revoked/);
  });
});
