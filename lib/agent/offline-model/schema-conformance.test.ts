import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actions, isActionName } from "@/lib/clerk/registry";
import { calls, ok, results, user } from "@/test/support/agent/prompt-builders";
import type { Decision } from "./intent";
import { readPrompt } from "./observations";
import { decide } from "./planner";

/** Every tool call the model plans must name a console action and pass that action's own zod schema. */
function expectValidCalls(decision: Decision) {
  if (decision.type === "text") {
    expect(decision.text.length).toBeGreaterThan(0);
    return;
  }
  expect(decision.calls.length).toBeGreaterThan(0);
  for (const call of decision.calls) {
    expect(isActionName(call.toolName), call.toolName).toBe(true);
    if (!isActionName(call.toolName)) continue;
    const parsed = actions[call.toolName].input.safeParse(call.input);
    expect(
      parsed.success,
      `${call.toolName} ${JSON.stringify(call.input)} ${parsed.error?.message ?? ""}`,
    ).toBe(true);
  }
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const email = fc.tuple(word, word, fc.constantFrom("com", "io", "dev")).map(([a, b, t]) => `${a}@${b}.${t}`);
const userId = fc.stringMatching(/^[A-Za-z0-9]{4,20}$/).map((s) => `user_${s}`);
const target = fc.oneof(email, userId);
const value = fc.oneof(
  word,
  fc.integer({ min: -999, max: 9999 }).map(String),
  fc.constantFrom("true", "false", '"two words"'),
);

const TEMPLATES: Array<(t: string, k: string, v: string) => string> = [
  (t, k, v) => `set ${k}=${v} for ${t}`,
  (t, k, v) => `set ${t}'s ${k} to ${v}`,
  (t, k, v) => `set private ${k}=${v} for ${t}`,
  (t, k) => `remove the ${k} key from ${t}`,
  (t, _k, v) => `make ${t} an ${v}`,
  (t) => `ban ${t}`,
  (t) => `unlock ${t}`,
  (t) => `show ${t}`,
  (t) => `list sessions for ${t}`,
  (t) => `sign out ${t} everywhere`,
  (t, k, v) => `invite ${t} with ${k}=${v}`,
  (t) => `revoke the invitation for ${t}`,
  (t, k, v) => `set ${k}=${v} for everyone at ${t.split("@")[1] ?? "acme.com"} who is on free`,
  (t, k) => `how many users at ${t.split("@")[1] ?? "acme.com"} are on ${k}?`,
  (_t, k) => `list the 5 newest users on the ${k} plan`,
];

const looseId = (prefix: string) =>
  fc.oneof(
    fc.string(),
    fc.string().map((x) => `${prefix}${x}`),
  );
const junkUser = fc.record(
  {
    id: looseId("user_"),
    primary_email: fc.oneof(fc.constant("a@b.com"), fc.string()),
    first_name: fc.string(),
    public_metadata: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.string()),
  },
  { requiredKeys: [] },
);
const junkResult = fc.oneof(
  fc.jsonValue(),
  fc.record({ users: fc.array(junkUser, { maxLength: 5 }), total_count: fc.integer() }),
  fc.array(junkUser, { maxLength: 5 }),
  fc.record({
    sessions: fc.array(fc.record({ id: looseId("sess_"), status: fc.constantFrom("active", "ended") })),
  }),
);

describe("planned tool calls always satisfy lib/clerk's input schemas", () => {
  it("for templated requests with random emails, ids, keys and values", () => {
    fc.assert(
      fc.property(fc.nat(TEMPLATES.length - 1), target, word, value, (i, t, k, v) => {
        const text = TEMPLATES[i]?.(t, k, v) ?? "";
        expectValidCalls(decide({ userText: text, observations: [], toolCallCount: 0 }));
      }),
      { numRuns: 600 },
    );
  });

  it("for arbitrary text (never throws, always answers)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expectValidCalls(decide({ userText: text, observations: [], toolCallCount: 0 }));
      }),
      { numRuns: 500 },
    );
  });

  it("for arbitrary tool results after a lookup (hostile or malformed data never crashes or escapes the plan)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("set plan=pro for a@b.com", "ban a@b.com", "sign out a@b.com"),
        junkResult,
        (text, junk) => {
          const prompt: LanguageModelV4Prompt = [
            user(text),
            calls(["c1", "listUsers", { email_address: ["a@b.com"] }]),
            results(["c1", "listUsers", ok(junk)]),
          ];
          expectValidCalls(decide(readPrompt(prompt)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
