import { describe, expect, it } from "vitest";
import type { PlannedCall } from "./intent";
import { decide } from "./planner";

/** The first step the model takes for a fresh request (no tool results yet). */
function firstStep(text: string) {
  return decide({ userText: text, observations: [], toolCallCount: 0 });
}

const c = (toolName: string, input: PlannedCall["input"]): PlannedCall => ({ toolName, input });
const byEmail = (...emails: string[]) => c("listUsers", { email_address: emails });
const search = (pairs: [string, string][], rest: PlannedCall["input"]) =>
  c("searchUsersByMetadata", { where: pairs.map(([key, value]) => ({ key, op: "eq", value })), ...rest });

const TABLE: Array<[string, PlannedCall[]]> = [
  // listing, searching, filtering
  ["find users at acme.com", [c("listUsers", { query: "acme.com", limit: 20 })]],
  ["list all users from globex.io", [c("listUsers", { query: "globex.io", limit: 20 })]],
  ["show me everyone at acme.com", [c("listUsers", { query: "acme.com", limit: 20 })]],
  ["show users named Jane", [c("listUsers", { query: "Jane", limit: 20 })]],
  ['search for users named "Mary Ann"', [c("listUsers", { query: "Mary Ann", limit: 20 })]],
  ["find someone named Bob", [c("listUsers", { query: "Bob", limit: 20 })]],
  ["who is Jane Doe", [c("listUsers", { query: "Jane Doe", limit: 20 })]],
  ["find Jane", [c("listUsers", { query: "Jane", limit: 20 })]],
  ["list users", [c("listUsers", { limit: 20 })]],
  ["Please show me all users.", [c("listUsers", { limit: 20 })]],
  ["list 50 users", [c("listUsers", { limit: 50 })]],
  ["list the 5 newest users on the pro plan", [c("listUsers", { limit: 100, order_by: "-created_at" })]],
  ["list the 5 newest users", [c("listUsers", { limit: 5, order_by: "-created_at" })]],
  ["show the latest sign-ups", [c("listUsers", { limit: 20, order_by: "-created_at" })]],
  ["who signed up recently?", [c("listUsers", { limit: 20, order_by: "-created_at" })]],
  ["who are the oldest 3 users", [c("listUsers", { limit: 3, order_by: "+created_at" })]],
  [
    "show me the 10 most recently active users",
    [c("listUsers", { limit: 10, order_by: "-last_sign_in_at" })],
  ],
  ["which users haven't signed in lately", [c("listUsers", { limit: 20, order_by: "+last_sign_in_at" })]],
  ["users on the free plan at acme.com", [search([["plan", "free"]], { query: "acme.com", limit: 100 })]],
  ["find users with plan=pro", [search([["plan", "pro"]], { limit: 20 })]],
  ["list users with plan=enterprise", [search([["plan", "enterprise"]], { limit: 20 })]],
  ["show users whose role is admin", [search([["role", "admin"]], { limit: 20 })]],
  ["list editors at acme.com", [search([["role", "editor"]], { query: "acme.com", limit: 100 })]],
  ["show banned users", [c("listUsers", { banned: true, limit: 20 })]],
  // counting
  ["how many users are there", [c("countUsers", {})]],
  ["How many users do we have?", [c("countUsers", {})]],
  ["count users at acme.com", [c("countUsers", { query: "acme.com" })]],
  ["number of users named Smith", [c("countUsers", { query: "Smith" })]],
  ["how many users at acme.com are on pro?", [search([["plan", "pro"]], { query: "acme.com", limit: 100 })]],
  ["total users on the enterprise plan", [search([["plan", "enterprise"]], { limit: 1 })]],
  ["how many users are on the pro plan?", [search([["plan", "pro"]], { limit: 1 })]],
  ["number of banned users", [c("countUsers", { banned: true })]],
  // one user
  ["show jane@acme.com", [byEmail("jane@acme.com")]],
  ["who is jane@acme.com?", [byEmail("jane@acme.com")]],
  ["Jane@Acme.com", [byEmail("jane@acme.com")]],
  ["please show me the details for jane@acme.com", [byEmail("jane@acme.com")]],
  ["what's bob@x.com's metadata", [byEmail("bob@x.com")]],
  ["get user user_2abc", [c("getUser", { user_id: "user_2abc" })]],
  ["look up user_9xyz", [c("getUser", { user_id: "user_9xyz" })]],
  // metadata: set (single target, by email -> look up first; by id -> write directly)
  ["set plan=pro for jane@acme.com", [byEmail("jane@acme.com")]],
  ["set jane@acme.com's plan to pro", [byEmail("jane@acme.com")]],
  [
    "Can you please set role=admin for user_123?",
    [c("updateUserMetadata", { user_id: "user_123", public_metadata: { role: "admin" } })],
  ],
  [
    "set the role of user_123 to editor",
    [c("updateUserMetadata", { user_id: "user_123", public_metadata: { role: "editor" } })],
  ],
  [
    "downgrade user_123 to the free tier",
    [c("updateUserMetadata", { user_id: "user_123", public_metadata: { plan: "free" } })],
  ],
  [
    "set seats=5, trial=false for user_7",
    [c("updateUserMetadata", { user_id: "user_7", public_metadata: { seats: 5, trial: false } })],
  ],
  [
    "set settings.theme=dark for user_7",
    [c("updateUserMetadata", { user_id: "user_7", public_metadata: { settings: { theme: "dark" } } })],
  ],
  [
    'set private note="VIP, call first" for user_7',
    [c("updateUserMetadata", { user_id: "user_7", private_metadata: { note: "VIP, call first" } })],
  ],
  [
    "set unsafe onboarding=done for user_7",
    [c("updateUserMetadata", { user_id: "user_7", unsafe_metadata: { onboarding: "done" } })],
  ],
  [
    "mark user_7 as vip=true",
    [c("updateUserMetadata", { user_id: "user_7", public_metadata: { vip: true } })],
  ],
  ["make bob@x.com an admin", [byEmail("bob@x.com")]],
  [
    "promote user_5 to admin",
    [c("updateUserMetadata", { user_id: "user_5", public_metadata: { role: "admin" } })],
  ],
  [
    "demote user_5 to viewer",
    [c("updateUserMetadata", { user_id: "user_5", public_metadata: { role: "viewer" } })],
  ],
  [
    "give user_5 the editor role",
    [c("updateUserMetadata", { user_id: "user_5", public_metadata: { role: "editor" } })],
  ],
  [
    "assign the editor role to user_5",
    [c("updateUserMetadata", { user_id: "user_5", public_metadata: { role: "editor" } })],
  ],
  [
    "put user_5 on the enterprise plan",
    [c("updateUserMetadata", { user_id: "user_5", public_metadata: { plan: "enterprise" } })],
  ],
  ["upgrade jane@acme.com to the pro plan", [byEmail("jane@acme.com")]],
  [
    "set user_5 role to admin",
    [c("updateUserMetadata", { user_id: "user_5", public_metadata: { role: "admin" } })],
  ],
  ["change Jane Doe's plan to pro", [c("listUsers", { query: "Jane Doe", limit: 10 })]],
  ["set plan=pro for Jane Doe", [c("listUsers", { query: "Jane Doe", limit: 10 })]],
  // metadata: remove
  ["remove the plan key from jane@acme.com", [byEmail("jane@acme.com")]],
  [
    "delete the plan key from user_123's metadata",
    [c("updateUserMetadata", { user_id: "user_123", public_metadata: { plan: null } })],
  ],
  [
    "remove plan and role from user_1",
    [c("updateUserMetadata", { user_id: "user_1", public_metadata: { plan: null, role: null } })],
  ],
  ["clear user_1's plan", [c("updateUserMetadata", { user_id: "user_1", public_metadata: { plan: null } })]],
  [
    "unset role for user_1",
    [c("updateUserMetadata", { user_id: "user_1", public_metadata: { role: null } })],
  ],
  [
    "remove the private note from user_1",
    [c("updateUserMetadata", { user_id: "user_1", private_metadata: { note: null } })],
  ],
  // bulk
  [
    "set plan=pro for everyone at acme.com who is on free",
    [c("listUsers", { query: "acme.com", limit: 100 })],
  ],
  ["upgrade everyone at acme.com who is on free to pro", [c("listUsers", { query: "acme.com", limit: 100 })]],
  ["remove trial from everyone at acme.com", [c("listUsers", { query: "acme.com", limit: 100 })]],
  // invitations
  [
    "invite bob@example.com as an editor",
    [c("createInvitation", { email: "bob@example.com", public_metadata: { role: "editor" } })],
  ],
  [
    "invite x@y.com with plan=pro and redirect to https://app.example.com/welcome",
    [
      c("createInvitation", {
        email: "x@y.com",
        public_metadata: { plan: "pro" },
        redirect_url: "https://app.example.com/welcome",
      }),
    ],
  ],
  ["send an invitation to carol@example.com", [c("createInvitation", { email: "carol@example.com" })]],
  ["reinvite erin@example.com", [c("createInvitation", { email: "erin@example.com" })]],
  [
    "invite dave@example.com as admin with plan=enterprise",
    [
      c("createInvitation", {
        email: "dave@example.com",
        public_metadata: { role: "admin", plan: "enterprise" },
      }),
    ],
  ],
  [
    "invite a@x.com and b@x.com without sending an email",
    [
      c("createInvitation", { email: "a@x.com", notify: false }),
      c("createInvitation", { email: "b@x.com", notify: false }),
    ],
  ],
  ["invite a@x.com, valid for 7 days", [c("createInvitation", { email: "a@x.com", expires_in_days: 7 })]],
  ["list pending invitations", [c("listInvitations", { status: "pending", limit: 20 })]],
  ["show revoked invitations", [c("listInvitations", { status: "revoked", limit: 20 })]],
  ["invitations", [c("listInvitations", { limit: 20 })]],
  ["any invitations for bob@example.com?", [c("listInvitations", { query: "bob@example.com", limit: 20 })]],
  ["revoke invitation inv_123", [c("revokeInvitation", { invitation_id: "inv_123" })]],
  ["cancel invitation inv_9", [c("revokeInvitation", { invitation_id: "inv_9" })]],
  [
    "revoke the invitation for bob@example.com",
    [c("listInvitations", { query: "bob@example.com", status: "pending" })],
  ],
  [
    "cancel bob@example.com's invite",
    [c("listInvitations", { query: "bob@example.com", status: "pending" })],
  ],
  // sessions
  ["list sessions for user_1", [c("listSessions", { user_id: "user_1" })]],
  ["show active sessions for user_1", [c("listSessions", { user_id: "user_1", status: "active" })]],
  ["what sessions does jane@acme.com have", [byEmail("jane@acme.com")]],
  ["revoke session sess_abc", [c("revokeSession", { session_id: "sess_abc" })]],
  [
    "end sess_1 and sess_2",
    [c("revokeSession", { session_id: "sess_1" }), c("revokeSession", { session_id: "sess_2" })],
  ],
  ["sign out user_1 everywhere", [c("listSessions", { user_id: "user_1", status: "active" })]],
  ["log bob@x.com out of all devices", [byEmail("bob@x.com")]],
  ["kill all sessions of user_1", [c("listSessions", { user_id: "user_1", status: "active" })]],
  // ban / unban / lock / unlock
  ["ban jane@acme.com", [byEmail("jane@acme.com")]],
  ["ban user_1", [c("banUser", { user_id: "user_1" })]],
  ["suspend user_1", [c("banUser", { user_id: "user_1" })]],
  ["block user_1 please", [c("banUser", { user_id: "user_1" })]],
  ["unban user_123", [c("unbanUser", { user_id: "user_123" })]],
  ["lift the ban on user_1", [c("unbanUser", { user_id: "user_1" })]],
  ["reinstate user_1", [c("unbanUser", { user_id: "user_1" })]],
  ["lock user_1", [c("lockUser", { user_id: "user_1" })]],
  ["lock out bob@x.com", [byEmail("bob@x.com")]],
  ["unlock user_1", [c("unlockUser", { user_id: "user_1" })]],
  ["ban a@x.com and b@x.com", [byEmail("a@x.com", "b@x.com")]],
  ["ban Jane Doe", [c("listUsers", { query: "Jane Doe", limit: 10 })]],
];

describe("offline model: phrasings -> first tool calls", () => {
  it("covers at least 60 phrasings", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)("%s", (text, expected) => {
    const step = firstStep(text);
    expect(step).toEqual({ type: "tool-calls", calls: expected });
  });
});

const TEXT_ONLY: Array<[string, RegExp]> = [
  ["hi", /^Hello! I'm the built-in offline assistant/],
  ["help", /set plan=pro for jane@acme\.com/],
  ["what can you do?", /invite bob@example\.com/],
  ["the weather is nice", /^Sorry, I didn't understand that\. I'm the built-in offline assistant/],
  ["create a user named Zed", /one user at a time: give me one email/],
  ["delete users jane@acme.com and bob@acme.com", /one user at a time/],
  ["reset the password for jane@acme.com", /Passwords never go through the chat/],
  ["ban everyone at acme.com", /one by one/],
  ["ban", /Who should I ban\?/],
  ["invite someone", /Who should I invite\?/],
  ["revoke the invitation", /Which invitation\?/],
  ["set plan=pro for everyone", /only make bulk changes for a domain or a filter/],
  ["set plan=pro", /Whose metadata\?/],
  ["list sessions", /Whose sessions\?/],
  ["ban them", /Which user do you mean\?/],
  ["yes", /Approve or Deny buttons/],
  ["don't ban jane@acme.com", /^OK, I won't do anything\.$/],
  ["do not set plan=pro for user_1", /^OK, I won't do anything\.$/],
  ["what happens if I ban jane@acme.com?", /I act only on direct requests/],
  ["should I lock user_1?", /I act only on direct requests/],
  ["approve!", /can't approve a change/],
];

describe("offline model: answers without tools", () => {
  it.each(TEXT_ONLY)("%s", (text, expected) => {
    const step = firstStep(text);
    expect(step.type).toBe("text");
    expect(step.type === "text" ? step.text : "").toMatch(expected);
  });

  it("is deterministic", () => {
    for (const [text] of TABLE) expect(firstStep(text)).toEqual(firstStep(text));
  });
});
