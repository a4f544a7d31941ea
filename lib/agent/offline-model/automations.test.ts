import { describe, expect, it } from "vitest";
import { ALL_TOOLS, next } from "@/test/support/agent/planner-fixtures";
import { calls, ok, results, user } from "@/test/support/agent/prompt-builders";
import { parseRequest } from "./parse-request";

const WITH_AUTOMATION: ReadonlySet<string> = new Set([...ALL_TOOLS, "proposeAutomation"]);
const ASK = "when someone from acme.com signs up, set company=Acme and plan=enterprise";
const RULE = {
  name: "Sign-ups from acme.com: set company, plan",
  trigger: "user.created",
  conditions: [{ kind: "emailDomain", domain: "acme.com" }],
  actions: [
    {
      action: "updateUserMetadata",
      args: { user_id: "{{user.id}}", public_metadata: { company: "Acme", plan: "enterprise" } },
    },
  ],
};

describe("automation rules from the chat", () => {
  it("understands a sign-up rule with a domain and metadata", () => {
    expect(parseRequest(ASK)).toEqual({
      kind: "automation",
      trigger: "user.created",
      domain: "acme.com",
      changes: { company: "Acme", plan: "enterprise" },
    });
  });

  it("leaves questions about sign-ups alone and asks what a rule without changes should set", () => {
    expect(parseRequest("when did jane@acme.com sign up?").kind).not.toBe("automation");
    expect(parseRequest("when someone from acme.com signs up")).toMatchObject({ kind: "reply" });
  });

  it("proposes the rule once, then summarizes the dry run", () => {
    expect(next([user(ASK)], WITH_AUTOMATION)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "proposeAutomation", input: RULE }],
    });
    const answer = next(
      [
        user(ASK),
        calls(["c1", "proposeAutomation", RULE]),
        results([
          "c1",
          "proposeAutomation",
          ok({ name: RULE.name, dry_run: { matched: 2, examined: 20 }, review_url: "/automations/rule_1" }),
        ]),
      ],
      WITH_AUTOMATION,
    );
    expect(answer).toMatchObject({ type: "text" });
    expect((answer as { text: string }).text).toMatch(/disabled.*matched 2 of the last 20/s);
  });

  it("says the tool is missing for a viewer", () => {
    const answer = next([user(ASK)], new Set([...ALL_TOOLS].filter((t) => t.startsWith("list"))));
    expect((answer as { text: string }).text).toMatch(/proposeAutomation/);
  });
});
