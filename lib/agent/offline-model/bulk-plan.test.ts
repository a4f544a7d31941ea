import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { ALL_TOOLS, next, textOf } from "@/test/support/agent/planner-fixtures";
import { calls, ok, results, summary, user } from "@/test/support/agent/prompt-builders";

// A change to more than BULK_THRESHOLD (3) users from the chat: the targets come from every page of the
// listing, and become ONE proposeBulkJob (one plan, one approval) instead of a card per user.

const WITH_BULK: ReadonlySet<string> = new Set([...ALL_TOOLS, "proposeBulkJob"]);
const free = (i: number, domain = "acme.com") =>
  summary(`user_f${i}`, `f${i}@${domain}`, { public_metadata: { plan: "free" } });
const pro = summary("user_p1", "p1@acme.com", { public_metadata: { plan: "pro" } });
const ASK = "set plan=pro for everyone at acme.com";

describe("bulk from chat: one plan for more than 3 users", () => {
  const page1 = [free(1), free(2), pro, free(3, "other.com")];
  const page2 = [free(4), free(5)];
  const first: LanguageModelV4Prompt = [
    user(ASK),
    calls(["c1", "listUsers", { query: "acme.com", limit: 100 }]),
    results(["c1", "listUsers", ok({ users: page1, total_count: 6 })]),
  ];
  const both: LanguageModelV4Prompt = [
    ...first,
    calls(["c2", "listUsers", { query: "acme.com", limit: 100, offset: 4 }]),
    results(["c2", "listUsers", ok({ users: page2, total_count: 6 })]),
  ];

  it("reads the next page while the listing is partial", () => {
    expect(next(first, WITH_BULK)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "listUsers", input: { query: "acme.com", limit: 100, offset: 4 } }],
    });
  });

  it("then proposes ONE bulk job for every matching user on every page (the plan excludes the up-to-date), not the off-domain", () => {
    const step = next(both, WITH_BULK);
    expect(step).toEqual({
      type: "tool-calls",
      calls: [
        {
          toolName: "proposeBulkJob",
          input: {
            action: "updateUserMetadata",
            user_ids: ["user_f1", "user_f2", "user_p1", "user_f4", "user_f5"],
            public_metadata: { plan: "pro" },
            title: 'Set plan = "pro" for 4 users at acme.com',
          },
        },
      ],
    });
  });

  it("answers with the plan's count and where to approve it; nothing written", () => {
    const text = textOf(
      next(
        [
          ...both,
          calls(["b1", "proposeBulkJob", { action: "updateUserMetadata", user_ids: ["user_f1"] }]),
          results([
            "b1",
            "proposeBulkJob",
            ok({
              job_id: "job_1",
              status: "awaiting_approval",
              targets: 4,
              excluded: 0,
              review_url: "/jobs/job_1",
            }),
          ]),
        ],
        WITH_BULK,
      ),
    );
    expect(text).toBe(
      '5 users at acme.com (1 already up to date).\nI planned one bulk job for 4 users (plan = "pro"). Nothing is written yet: approve the plan once at /jobs/job_1; it then runs paced to Clerk\'s rate limit.',
    );
  });

  it("3 users or fewer stay single approval cards", () => {
    const step = next(
      [
        user(ASK),
        calls(["c1", "listUsers", { query: "acme.com", limit: 100 }]),
        results(["c1", "listUsers", ok({ users: [free(1), free(2), free(3)], total_count: 3 })]),
      ],
      WITH_BULK,
    );
    expect(step.type === "tool-calls" ? step.calls.map((c) => c.toolName) : []).toEqual([
      "updateUserMetadata",
      "updateUserMetadata",
      "updateUserMetadata",
    ]);
  });
});
