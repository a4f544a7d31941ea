import { describe, expect, it } from "vitest";
import { modelText } from "@/lib/agent/model-text";
import { jane, lookupByEmail, next, READ_ONLY, textOf } from "@/test/support/agent/planner-fixtures";
import { calls, ok, results, summary, user } from "@/test/support/agent/prompt-builders";

describe("context, ambiguity and permissions", () => {
  it('"ban them" acts on the single user the last turn was about', () => {
    const step = next([
      ...lookupByEmail("show jane@acme.com", "jane@acme.com"),
      { role: "assistant", content: [{ type: "text", text: "profile" }] },
      user("ban them"),
    ]);
    expect(step).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "banUser", input: { user_id: "user_jane" } }],
    });
  });

  it("asks which user when a name matches several", () => {
    const text = textOf(
      next([
        user("set plan=pro for Jane"),
        calls(["c1", "listUsers", { query: "Jane", limit: 10 }]),
        results([
          "c1",
          "listUsers",
          ok({ users: [jane, summary("user_j2", "jane@globex.io", { first_name: "Jane" })], total_count: 2 }),
        ]),
      ]),
    );
    expect(text).toMatch(/^2 users match “Jane”:/);
    expect(text).toContain("Which one?");
  });

  it("tells a read-only admin that writes are unavailable, without calling anything", () => {
    const text = textOf(next([user("set plan=pro for jane@acme.com")], READ_ONLY));
    expect(text).toMatch(/needs the updateUserMetadata tool, which is not available to you/);
  });

  it("still answers reads for a read-only admin", () => {
    expect(next([user("how many users are there")], READ_ONLY).type).toBe("tool-calls");
  });
});

describe("invitations and sessions", () => {
  it("revokes only the pending invitation with exactly that email", () => {
    const step = next([
      user("revoke the invitation for bob@example.com"),
      calls(["c1", "listInvitations", { query: "bob@example.com", status: "pending" }]),
      results([
        "c1",
        "listInvitations",
        ok({
          invitations: [
            { id: "inv_bobby", email_address: "bobby@example.com", status: "pending" },
            { id: "inv_bob", email_address: "bob@example.com", status: "pending" },
          ],
          total_count: 2,
        }),
      ]),
    ]);
    expect(step).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "revokeInvitation", input: { email_address: "bob@example.com" } }],
    });
  });

  it("revokes by email from the model's view (no ids); two pending for the email are revoked by id", () => {
    const lookup = (invitations: unknown[]) => [
      user("revoke the invitation for bob@example.com"),
      calls(["c1", "listInvitations", { query: "bob@example.com", status: "pending" }]),
      results(["c1", "listInvitations", ok({ invitations })]),
    ];
    expect(next(lookup([{ email: "bob@example.com", status: "pending", expires: 20270105 }]))).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "revokeInvitation", input: { email_address: "bob@example.com" } }],
    });
    const twice = [
      { id: "inv_one", email_address: "bob@example.com", status: "pending" },
      { id: "inv_two", email_address: "Bob@example.com", status: "pending" },
    ];
    expect(next(lookup(twice))).toEqual({
      type: "tool-calls",
      calls: [
        { toolName: "revokeInvitation", input: { invitation_id: "inv_one" } },
        { toolName: "revokeInvitation", input: { invitation_id: "inv_two" } },
      ],
    });
    const revoked = textOf(
      next([
        ...lookup([{ email: "bob@example.com", status: "pending" }]),
        calls(["c2", "revokeInvitation", { email_address: "bob@example.com" }]),
        results([
          "c2",
          "revokeInvitation",
          ok({ id: "inv_x", email_address: "bob@example.com", status: "revoked" }),
        ]),
      ]),
    );
    expect(revoked).toContain("Invitation for <bob@example.com>: revoked");
  });

  it("says when there is no pending invitation", () => {
    const text = textOf(
      next([
        user("cancel bob@example.com's invite"),
        calls(["c1", "listInvitations", { query: "bob@example.com", status: "pending" }]),
        results(["c1", "listInvitations", ok({ invitations: [], total_count: 0 })]),
      ]),
    );
    expect(text).toBe("No pending invitation for bob@example.com.");
  });

  it("summarises created invitations", () => {
    const text = textOf(
      next([
        user("invite bob@example.com as an editor"),
        calls(["c1", "createInvitation", { email: "bob@example.com", public_metadata: { role: "editor" } }]),
        results([
          "c1",
          "createInvitation",
          ok({ id: "inv_1", email_address: "bob@example.com", status: "pending" }),
        ]),
      ]),
    );
    expect(text).toContain("<bob@example.com>: invitation sent (inv_1, pending)");
  });

  it("signs a user out: lookup, list active sessions, revoke each, summarise", () => {
    const base = lookupByEmail("sign out jane@acme.com everywhere", "jane@acme.com");
    expect(next(base)).toEqual({
      type: "tool-calls",
      calls: [{ toolName: "listSessions", input: { user_id: "user_jane", status: "active" } }],
    });
    const listed = [
      ...base,
      calls(["c2", "listSessions", { user_id: "user_jane", status: "active" }]),
      results([
        "c2",
        "listSessions",
        ok({
          sessions: [
            { id: "sess_a", status: "active" },
            { id: "sess_b", status: "active" },
          ],
          total_count: 2,
        }),
      ]),
    ];
    expect(next(listed)).toEqual({
      type: "tool-calls",
      calls: [
        { toolName: "revokeSession", input: { session_id: "sess_a" } },
        { toolName: "revokeSession", input: { session_id: "sess_b" } },
      ],
    });
    const text = textOf(
      next([
        ...listed,
        calls(
          ["c3", "revokeSession", { session_id: "sess_a" }],
          ["c4", "revokeSession", { session_id: "sess_b" }],
        ),
        results(
          ["c3", "revokeSession", ok({ id: "sess_a", status: "revoked" })],
          ["c4", "revokeSession", ok({ id: "sess_b" })],
        ),
      ]),
    );
    expect(text).toContain("2 done:");
    expect(text).toContain("sess_a: revoked.");
  });
});

const FREE = [{ key: "plan", op: "eq", value: "free" }];

describe("read summaries", () => {
  it("reads lists in the token-lean TOON table the real tools send", () => {
    const result = {
      users: [jane, summary("user_joe", "joe@acme.com", { public_metadata: { plan: "pro" } })],
      total_count: 2,
    };
    const text = modelText(result);
    expect(text).toContain("users[2]{");
    const answer = textOf(
      next([
        user("users on the free plan at acme.com"),
        calls(["c1", "searchUsersByMetadata", { where: FREE, query: "acme.com", limit: 100 }]),
        results(["c1", "searchUsersByMetadata", { type: "text", value: text }]),
      ]),
    );
    expect(answer).toMatch(/^Found 1 user at acme\.com with plan = "free"/);
    expect(answer).toContain("<jane@acme.com> (user_jane)");
  });

  it("says how many of how many it shows, and in which order", () => {
    const text = textOf(
      next([
        user("list the 2 newest users"),
        calls(["c1", "listUsers", { limit: 2, order_by: "-created_at" }]),
        results([
          "c1",
          "listUsers",
          ok({ users: [jane, summary("user_joe", "joe@acme.com")], total_count: 40 }),
        ]),
      ]),
    );
    expect(text).toMatch(/^Showing 2 of 40 users \(newest first\):\n- “Jane Doe” <jane@acme\.com>/);
  });

  it("counts", () => {
    const text = textOf(
      next([
        user("how many users are there"),
        calls(["c1", "countUsers", {}]),
        results(["c1", "countUsers", ok({ total_count: 42 })]),
      ]),
    );
    expect(text).toBe("There are 42 users in total.");
  });

  it("counts users on a plan with the metadata search, and says when its index is behind", () => {
    const ask = (value: unknown) =>
      textOf(
        next([
          user("how many users are on the pro plan?"),
          calls([
            "c1",
            "searchUsersByMetadata",
            { where: [{ key: "plan", op: "eq", value: "pro" }], limit: 1 },
          ]),
          results(["c1", "searchUsersByMetadata", ok(value)]),
        ]),
      );
    const fresh = { users: [], total_count: 187, source: "index", index: { behind: false } };
    expect(ask(fresh)).toBe('There are 187 users with plan = "pro".');
    const behind = { ...fresh, index: { behind: true, indexed_users: 499, clerk_users: 500 } };
    expect(ask(behind)).toBe(
      'There are 187 users with plan = "pro". (The metadata index is behind Clerk: it holds 499 of 500 users, so this may be off until the next webhook or resync.)',
    );
  });

  it("filters by metadata on the data and says how much it checked", () => {
    const text = textOf(
      next([
        user("users on the free plan at acme.com"),
        calls(["c1", "searchUsersByMetadata", { where: FREE, query: "acme.com", limit: 100 }]),
        results([
          "c1",
          "searchUsersByMetadata",
          ok({
            users: [jane, summary("user_joe", "joe@acme.com", { public_metadata: { plan: "pro" } })],
            total_count: 250,
          }),
        ]),
      ]),
    );
    expect(text).toContain('Found 1 user at acme.com with plan = "free" (I checked the first 2 of 250 users');
    expect(text).toContain("jane@acme.com");
    expect(text).not.toContain("joe@acme.com");
  });

  it("shows a profile for a single user", () => {
    const text = textOf(next(lookupByEmail("show jane@acme.com", "jane@acme.com")));
    expect(text).toContain("“Jane Doe” <jane@acme.com> (user_jane)");
    expect(text).toContain("- created: 2023-11-14\n- last sign-in: never\n- status");
    expect(text).toContain("- public metadata: “plan: free”");
    expect(text).toContain("- status: not banned, not locked");
  });

  it("shows last activity only when it is not the day of the last sign-in", () => {
    const profile = (last_active_at: number) =>
      textOf(
        next(
          lookupByEmail("show jane@acme.com", "jane@acme.com", [
            { ...jane, last_sign_in_at: Date.UTC(2026, 0, 5, 9), last_active_at },
          ]),
        ),
      );
    expect(profile(Date.UTC(2026, 0, 5, 23))).toContain("- last sign-in: 2026-01-05\n- status");
    expect(profile(Date.UTC(2026, 0, 7, 1))).toContain(
      "- last sign-in: 2026-01-05\n- last active: 2026-01-07\n- status",
    );
  });
});
