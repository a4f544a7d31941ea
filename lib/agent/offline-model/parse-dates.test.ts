import { describe, expect, it } from "vitest";
import type { JsonObject } from "./intent";
import { decide } from "./planner";

// Sunday 2026-12-06 10:00 UTC: "this week" starts Monday 2026-11-30.
const NOW = Date.UTC(2026, 11, 6, 10);
const daysAgo = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

function firstCall(text: string) {
  const d = decide({ userText: text, observations: [], toolCallCount: 0, now: NOW });
  if (d.type !== "tool-calls") throw new Error(`expected a tool call for ${text}, got: ${d.text}`);
  expect(d.calls).toHaveLength(1);
  return d.calls[0] as { toolName: string; input: JsonObject };
}

describe("offline model: status and date filters go to Clerk", () => {
  it.each<[string, string, JsonObject]>([
    ["which users are banned?", "listUsers", { banned: true, limit: 20 }],
    ["list banned users", "listUsers", { banned: true, limit: 20 }],
    ["how many users are banned", "countUsers", { banned: true }],
    ["show users who are not banned", "listUsers", { banned: false, limit: 20 }],
    ["who signed up in the last 7 days?", "listUsers", { created_at_after: daysAgo(7), limit: 20 }],
    ["how many users signed up in the past 30 days", "countUsers", { created_at_after: daysAgo(30) }],
    [
      "new users in the last two weeks",
      "listUsers",
      { created_at_after: daysAgo(14), limit: 20, order_by: "-created_at" },
    ],
    ["how many people joined this month?", "countUsers", { created_at_after: "2026-12-01T00:00:00.000Z" }],
    ["who signed up today", "listUsers", { created_at_after: "2026-12-06T00:00:00.000Z", limit: 20 }],
    [
      "users who registered yesterday",
      "listUsers",
      {
        created_at_after: "2026-12-05T00:00:00.000Z",
        created_at_before: "2026-12-06T00:00:00.000Z",
        limit: 20,
      },
    ],
    ["who signed up this week", "listUsers", { created_at_after: "2026-11-30T00:00:00.000Z", limit: 20 }],
    [
      "users created since 2026-11-01 and before 2026-11-15",
      "listUsers",
      { created_at_after: "2026-11-01", created_at_before: "2026-11-15", limit: 20 },
    ],
    [
      "banned users who signed up in the last 30 days",
      "listUsers",
      { banned: true, created_at_after: daysAgo(30), limit: 20 },
    ],
    ["how many users signed in in the last 24 hours", "countUsers", { last_sign_in_at_after: daysAgo(1) }],
    ["who logged in in the last 3 days", "listUsers", { last_sign_in_at_after: daysAgo(3), limit: 20 }],
    [
      "which users haven't signed in for 90 days",
      "listUsers",
      { last_sign_in_at_before: daysAgo(90), limit: 20, order_by: "+last_sign_in_at" },
    ],
    ["users active in the last week", "listUsers", { last_active_at_after: daysAgo(7), limit: 20 }],
    ["how many users have been inactive for 6 months", "countUsers", { last_active_at_before: daysAgo(180) }],
    ["list the last 5 users", "listUsers", { limit: 5, order_by: "-created_at" }],
  ])("%s", (text, tool, input) => {
    const call = firstCall(text);
    expect(call.toolName).toBe(tool);
    expect(call.input).toEqual(input);
  });

  it("describes the filter in its answer", () => {
    const d = decide({
      userText: "how many users signed up in the last 7 days?",
      now: NOW,
      toolCallCount: 1,
      observations: [
        {
          toolCallId: "c1",
          toolName: "countUsers",
          input: { created_at_after: daysAgo(7) },
          outcome: { status: "ok", value: { total_count: 12 } },
        },
      ],
    });
    expect(d).toEqual({ type: "text", text: "There are 12 users who signed up in the last 7 days." });
  });
});
