import { describe, expect, it } from "vitest";
import { ALL_TOOLS, next } from "@/test/support/agent/planner-fixtures";
import { calls, ok, results, user } from "@/test/support/agent/prompt-builders";
import { parseRequest } from "./parse-request";

describe("organization admin requests", () => {
  it.each([
    ["list organizations", { kind: "orgAdmin", op: "list" }],
    [
      "which organizations is a@x.com in?",
      { kind: "orgAdmin", op: "userOrgs", target: { by: "email", emails: ["a@x.com"] } },
    ],
    [
      "list the organizations of a@x.com",
      { kind: "orgAdmin", op: "userOrgs", target: { by: "email", emails: ["a@x.com"] } },
    ],
    ["what organization roles are there?", { kind: "orgAdmin", op: "roles" }],
    ["list the members of Hooli", { kind: "orgAdmin", op: "members", org: "Hooli" }],
    ["list users in the organization Hooli", { kind: "orgAdmin", op: "members", org: "Hooli" }],
    ["show the organization Tailspin", { kind: "orgAdmin", op: "show", org: "Tailspin" }],
    [
      "list pending invitations to Globex",
      { kind: "orgAdmin", op: "invitations", org: "Globex", status: "pending" },
    ],
    ["create an organization called Eval Labs", { kind: "orgAdmin", op: "create", name: "Eval Labs" }],
    [
      "rename the organization Contoso to Contoso Ltd",
      { kind: "orgAdmin", op: "rename", org: "Contoso", name: "Contoso Ltd" },
    ],
    ["delete the organization Clear Arrow Labs", { kind: "orgAdmin", op: "delete", org: "Clear Arrow Labs" }],
    [
      "set tier=gold on the organization Fabrikam",
      { kind: "orgAdmin", op: "metadata", org: "Fabrikam", metadata: { tier: "gold" } },
    ],
    [
      "remove a@x.com from Wayne Enterprises",
      {
        kind: "orgAdmin",
        op: "removeMember",
        org: "Wayne Enterprises",
        target: { by: "email", emails: ["a@x.com"] },
      },
    ],
  ])("%s", (text, intent) => {
    expect(parseRequest(text)).toEqual(intent);
  });

  it("leaves user metadata and account changes alone", () => {
    expect(parseRequest("remove the plan key from a@x.com").kind).toBe("updateMetadata");
    expect(parseRequest("remove the email b@y.com from a@x.com").kind).toBe("accountWrite");
    expect(parseRequest("delete user a@x.com").kind).toBe("deleteUser");
  });

  it("deletes by the slug the lookup returned (the tool's confirmation), after resolving the name", () => {
    const ask = "delete the organization Clear Arrow Labs";
    const tools = new Set([...ALL_TOOLS, "listOrganizations", "deleteOrganization"]);
    expect(next([user(ask)], tools)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "listOrganizations", input: { query: "Clear Arrow Labs", limit: 10 } }],
    });
    const found = ok({
      organizations: [{ id: "org_1", name: "Clear Arrow Labs", slug: "clear-arrow-labs" }],
    });
    expect(
      next(
        [
          user(ask),
          calls(["c1", "listOrganizations", { query: "Clear Arrow Labs", limit: 10 }]),
          results(["c1", "listOrganizations", found]),
        ],
        tools,
      ),
    ).toEqual({
      type: "tool-calls",
      calls: [
        {
          toolName: "deleteOrganization",
          input: { organization_id: "org_1", confirm_slug: "clear-arrow-labs" },
        },
      ],
    });
  });
});

describe("listing phrasings", () => {
  it("who signed in most recently -> last sign-in order; whose role is X and X users -> the role condition", () => {
    expect(parseRequest("who signed in most recently?")).toMatchObject({ orderBy: "-last_sign_in_at" });
    expect(parseRequest("whose role is developer?")).toMatchObject({
      filter: { metadata: { role: "developer" } },
    });
    expect(parseRequest("list billing users")).toMatchObject({ filter: { metadata: { role: "billing" } } });
  });
});

describe("identifier filters", () => {
  it.each([
    ["find the user with external id crm_100000", { externalId: ["crm_100000"] }],
    ["find the user with username member", { username: ["member"] }],
    ["who has the phone number +1 555 000 0002?", { phone: ["+15550000002"] }],
  ])("%s", (text, filter) => {
    expect(parseRequest(text)).toMatchObject({ kind: "listUsers", filter });
  });
});
