import { describe, expect, it } from "vitest";
import { ALL_TOOLS, lookupByEmail, next, textOf } from "@/test/support/agent/planner-fixtures";
import { calls, ok, results, user } from "@/test/support/agent/prompt-builders";
import { parseRequest } from "./parse-request";

const tools = new Set([...ALL_TOOLS, "listImpersonations", "revokeImpersonation"]);
const byEmail = (email: string) => ({ by: "email", emails: [email] });

describe("revoking impersonations", () => {
  it.each([
    ["end the impersonation of a@x.com", { target: byEmail("a@x.com"), tokenIds: [], all: false }],
    ["revoke a@x.com's impersonation link", { target: byEmail("a@x.com"), tokenIds: [], all: false }],
    ["revoke all impersonations of a@x.com", { target: byEmail("a@x.com"), tokenIds: [], all: true }],
    ["revoke impersonation act_2abc", { tokenIds: ["act_2abc"], all: false }],
    ["cancel the actor token act_2abc", { tokenIds: ["act_2abc"], all: false }],
    ["revoke all active impersonations", { tokenIds: [], all: true }],
  ])("%s", (text, intent) => {
    expect(parseRequest(text)).toEqual({ kind: "revokeImpersonation", ...intent });
  });

  it("asks whose when nothing names one; starting and listing impersonations stay as they were", () => {
    expect(parseRequest("end the impersonation")).toMatchObject({ kind: "reply", message: /Whose/ });
    expect(parseRequest("impersonate a@x.com")).toMatchObject({ kind: "reply", message: /console/ });
    expect(parseRequest("list active impersonations")).toMatchObject({ kind: "listImpersonations" });
    expect(parseRequest("revoke all sessions of a@x.com").kind).not.toBe("revokeImpersonation");
  });

  const ask = "end the impersonation of jane@acme.com";
  const listed = (impersonations: unknown[]) => [
    ...lookupByEmail(ask, "jane@acme.com"),
    calls(["c2", "listImpersonations", { user_id: "user_jane" }]),
    results(["c2", "listImpersonations", ok({ impersonations, total_count: impersonations.length })]),
  ];
  // listImpersonations returns active tokens only unless include_inactive is set.
  const token = (id: string) => ({ token_id: id, user_id: "user_jane", active: true });

  it("lists the user's active impersonations, then proposes one revoke per active token", () => {
    expect(next(lookupByEmail(ask, "jane@acme.com"), tools)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "listImpersonations", input: { user_id: "user_jane" } }],
    });
    expect(next(listed([token("act_1"), token("act_2")]), tools)).toEqual({
      type: "tool-calls",
      calls: ["act_1", "act_2"].map((id) => ({
        toolName: "revokeImpersonation",
        input: { user_id: "user_jane", actor_token_id: id },
      })),
    });
  });

  it("with none active it says so and proposes nothing", () => {
    const d = next(listed([]), tools);
    expect(textOf(d)).toMatch(/No active impersonation of .*jane@acme\.com.*nothing to revoke/);
  });

  it("by token id: only that token, with the user the list names", () => {
    const prompt = [
      user("revoke impersonation act_2"),
      calls(["c1", "listImpersonations", {}]),
      results(["c1", "listImpersonations", ok({ impersonations: [token("act_1"), token("act_2")] })]),
    ];
    expect(next(prompt, tools)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "revokeImpersonation", input: { user_id: "user_jane", actor_token_id: "act_2" } }],
    });
  });

  it("a viewer is told the tool is not available", () => {
    expect(textOf(next([user(ask)], new Set(["listUsers", "listImpersonations"])))).toMatch(/not available/);
  });
});
