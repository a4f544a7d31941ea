import { describe, expect, it } from "vitest";
import { parseRequest } from "./parse-request";

// Issue 16: user lifecycle phrasings -> intents (the planner turns them into createUser / deleteUser /
// updateUserMetadata calls behind approval cards).

describe("offline model: user lifecycle phrasings", () => {
  it.each([
    ["delete user x@y.com", { kind: "deleteUser", target: { by: "email", emails: ["x@y.com"] } }],
    [
      "please delete the account of X@Y.com",
      { kind: "deleteUser", target: { by: "email", emails: ["x@y.com"] } },
    ],
    ["remove user_2abc", { kind: "deleteUser", target: { by: "id", userIds: ["user_2abc"] } }],
    [
      "create a user jane@acme.com named Jane Doe",
      { kind: "createUser", email: "jane@acme.com", firstName: "Jane", lastName: "Doe" },
    ],
    ["add a new user bob@acme.com", { kind: "createUser", email: "bob@acme.com" }],
    [
      "create user ann@acme.com with first name Ann and last name Lee, username annlee",
      { kind: "createUser", email: "ann@acme.com", firstName: "Ann", lastName: "Lee", username: "annlee" },
    ],
    [
      'add a private note "VIP, call before renewal" for jane@acme.com',
      {
        kind: "updateMetadata",
        target: { by: "email", emails: ["jane@acme.com"] },
        field: "private_metadata",
        changes: { note: "VIP, call before renewal" },
      },
    ],
    [
      "add a note: prefers phone calls for user_9",
      {
        kind: "updateMetadata",
        target: { by: "id", userIds: ["user_9"] },
        field: "private_metadata",
        changes: { note: "prefers phone calls" },
      },
    ],
  ])("%s", (text, intent) => {
    expect(parseRequest(text)).toEqual(intent);
  });

  it.each([
    ["remove plan from jane@acme.com", "updateMetadata"],
    ["delete the plan key from user_123's metadata", "updateMetadata"],
    ["revoke the invitation for a@b.com", "revokeInvitation"],
    ["add user jane@acme.com to Initech as admin", "orgAddMember"],
  ])("leaves %s to the other parsers", (text, kind) => {
    expect(parseRequest(text).kind).toBe(kind);
  });

  it("keeps passwords out of the chat and asks for one email when creating", () => {
    expect(parseRequest("set a new password for jane@acme.com")).toMatchObject({
      kind: "reply",
      message: expect.stringMatching(/Danger zone/),
    });
    expect(parseRequest("create users a@x.com and b@x.com")).toMatchObject({ kind: "reply" });
  });
});
