import { describe, expect, it } from "vitest";
import { ALL_TOOLS, next, READ_ONLY, textOf } from "@/test/support/agent/planner-fixtures";
import { calls, denied, ok, results, user } from "@/test/support/agent/prompt-builders";
import { parseRequest } from "./parse-request";

const NOW = Date.UTC(2026, 11, 6, 15, 30);
const TOOLS = new Set([...ALL_TOOLS, "listAuditEntries", "proposeUndo"]);
const ID = "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60";
const entry = {
  id: ID,
  when: "2026-12-06T09:12:00.000Z",
  who: "alice@example.com",
  source: "agent",
  action: "updateUserMetadata",
  target: "bob@acme.com",
  target_id: "user_bob",
  changes: { public_metadata: ['plan: "free" → "pro"'] },
  outcome: "ok",
};

describe("history requests parse", () => {
  it.each([
    [
      "what did I change today?",
      { kind: "listAudit", actor: "me", range: { after: "2026-12-06T00:00:00.000Z", text: "today" } },
    ],
    ["show my changes", { kind: "listAudit", actor: "me" }],
    ["what changes did I make this week", { kind: "listAudit", actor: "me", range: { text: "this week" } }],
    ["what did Alice do to bob@acme.com?", { kind: "listAudit", actor: "alice", target: "bob@acme.com" }],
    [
      "what did alice@example.com change on user_abc123",
      { kind: "listAudit", actor: "alice@example.com", target: "user_abc123" },
    ],
    [
      "who changed bob@acme.com yesterday?",
      { kind: "listAudit", target: "bob@acme.com", range: { text: "yesterday" } },
    ],
    ["show the audit log", { kind: "listAudit" }],
    [
      "failed changes in the last 7 days",
      { kind: "listAudit", outcome: "error", range: { text: "in the last 7 days" } },
    ],
    ["undo that", { kind: "undo", context: true }],
    ["undo the last one", { kind: "undo", context: true }],
    ["please undo my last change", { kind: "undo", actor: "me", context: false }],
    ["revert the last change to bob@acme.com", { kind: "undo", target: "bob@acme.com", context: false }],
    [`undo ${ID}`, { kind: "undo", entryId: ID, context: false }],
  ])("%s", (text, expected) => {
    expect(parseRequest(text, NOW)).toMatchObject(expected);
  });

  it("leaves other requests alone", () => {
    expect(parseRequest("set plan=pro for bob@acme.com", NOW).kind).toBe("updateMetadata");
    expect(parseRequest("who signed up in the last 7 days?", NOW).kind).toBe("listUsers");
    expect(parseRequest("ban bob@acme.com", NOW).kind).toBe("moderate");
  });
});

describe("what did I change today?", () => {
  const ask = [user("what did I change today?")];

  it("asks the audit log for my changes since midnight UTC", () => {
    const d = next(ask, TOOLS);
    expect(d.type).toBe("tool-calls");
    const input = d.type === "tool-calls" ? d.calls[0]?.input : undefined;
    expect(d.type === "tool-calls" && d.calls[0]?.toolName).toBe("listAuditEntries");
    expect(input).toMatchObject({ actor: "me", limit: 20 });
    expect(String(input?.from)).toMatch(/T00:00:00\.000Z$/);
  });

  it("answers with who, what, target and before → after, from the TOON table the tools send", () => {
    const second = {
      ...entry,
      id: "00000000-0000-4000-8000-000000000001",
      action: "banUser",
      changes: { banned: "false → true" },
    };
    const text = textOf(
      next(
        [
          ...ask,
          calls(["c1", "listAuditEntries", { actor: "me" }]),
          results(["c1", "listAuditEntries", ok({ entries: [entry, second], total_count: 2 })]),
        ],
        TOOLS,
      ),
    );
    expect(text).toContain("2 changes by you today:");
    expect(text).toContain(
      '2026-12-06 09:12 UTC, “alice@example.com”: updateUserMetadata on “bob@acme.com” (public metadata plan: "free" → "pro")',
    );
    expect(text).toContain("banUser");
    expect(text).toContain("undo the last one");
  });

  it("says when there is nothing", () => {
    const text = textOf(
      next(
        [
          ...ask,
          calls(["c1", "listAuditEntries", {}]),
          results(["c1", "listAuditEntries", ok({ total_count: 0 })]),
        ],
        TOOLS,
      ),
    );
    expect(text).toBe("No changes by you today.");
  });

  it("a viewer may read the log", () => {
    expect(next(ask, new Set([...READ_ONLY, "listAuditEntries", "proposeUndo"])).type).toBe("tool-calls");
  });
});

describe("undo", () => {
  const listed = [
    user("what did I change today?"),
    calls(["c1", "listAuditEntries", { actor: "me" }]),
    results(["c1", "listAuditEntries", ok({ entries: [entry], total_count: 1 })]),
  ];
  const proposal = {
    entry,
    undoable: true,
    tool: "updateUserMetadata",
    input: { user_id: "user_bob", public_metadata: { plan: "free" } },
    changes: ['public_metadata.plan: "pro" → "free"'],
  };

  it("'undo the last one' after a listing undoes the entry listed first", () => {
    expect(next([...listed, user("undo the last one")], TOOLS)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "proposeUndo", input: { audit_entry_id: ID } }],
    });
  });

  it("'undo my last change' asks for my latest change", () => {
    expect(next([user("undo my last change")], TOOLS)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "proposeUndo", input: { actor: "me" } }],
    });
  });

  const asked = [
    ...listed,
    user("undo that"),
    calls(["c2", "proposeUndo", { audit_entry_id: ID }]),
    results(["c2", "proposeUndo", ok(proposal)]),
  ];

  it("proposes exactly the inverse write proposeUndo returned (the approval card shows it)", () => {
    expect(next(asked, TOOLS)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "updateUserMetadata", input: proposal.input }],
    });
  });

  it("reports the undo once approved and run, or denied", () => {
    const write = calls(["c3", "updateUserMetadata", proposal.input]);
    const done = textOf(
      next(
        [
          ...asked,
          write,
          results(["c3", "updateUserMetadata", ok({ id: "user_bob", public_metadata: { plan: "free" } })]),
        ],
        TOOLS,
      ),
    );
    expect(done).toBe(
      'Undone: updateUserMetadata on “bob@acme.com” is reverted (public_metadata.plan: "pro" → "free").',
    );
    const no = textOf(next([...asked, write, results(["c3", "updateUserMetadata", denied()])], TOOLS));
    expect(no).toMatch(/denied the undo .*nothing was changed/);
  });

  it("says why when the entry cannot be undone", () => {
    const text = textOf(
      next(
        [
          user("undo my last change"),
          calls(["c1", "proposeUndo", { actor: "me" }]),
          results([
            "c1",
            "proposeUndo",
            ok({
              entry: { ...entry, action: "deleteUser" },
              undoable: false,
              reason: "A deleted user cannot be restored.",
            }),
          ]),
        ],
        TOOLS,
      ),
    );
    expect(text).toBe("I can't undo deleteUser on “bob@acme.com”: A deleted user cannot be restored.");
  });

  it("a viewer is told it needs write access", () => {
    expect(
      textOf(next([user("undo my last change")], new Set([...READ_ONLY, "listAuditEntries", "proposeUndo"]))),
    ).toMatch(/not available to you/);
  });
});
