// Invitations, sessions and moderation (ban, unban, lock, unlock).
import type { EvalCase } from "../types";
import { ask, uid } from "./helpers";

const I = "invitations" as const;
const S = "sessions" as const;
const M = "moderation" as const;

const invite = (id: string, say: string, args: Record<string, unknown>, email: string) =>
  ask(I, id, {
    say,
    proposals: [{ tool: "createInvitation", args: { email, ...args } as never }],
    state: [{ invitation: email, status: "pending" }],
  });

export const invitationCases: EvalCase[] = [
  invite(
    "as-role",
    "invite bob@example.com as an editor",
    { public_metadata: { role: "editor" } },
    "bob@example.com",
  ),
  invite(
    "with-kv-redirect",
    "invite carol@example.com with plan=pro and redirect to https://app.example.com/welcome",
    { public_metadata: { plan: "pro" }, redirect_url: "https://app.example.com/welcome" },
    "carol@example.com",
  ),
  invite("no-email", "invite dan@example.com without sending an email", { notify: false }, "dan@example.com"),
  invite("expiry", "invite erin@example.com, valid for 7 days", { expires_in_days: 7 }, "erin@example.com"),
  invite(
    "on-plan",
    "send an invitation to frank@example.com on the enterprise plan",
    {
      public_metadata: { plan: "enterprise" },
    },
    "frank@example.com",
  ),
  ask(I, "two-emails", {
    say: "invite gina@example.com and hal@example.com",
    proposals: [
      { tool: "createInvitation", args: { email: "gina@example.com" } },
      { tool: "createInvitation", args: { email: "hal@example.com" } },
    ],
    state: [
      { invitation: "gina@example.com", status: "pending" },
      { invitation: "hal@example.com", status: "pending" },
    ],
  }),
  ask(I, "list-pending", {
    say: "list pending invitations",
    calls: [{ tool: "listInvitations", args: { status: "pending" } }],
  }),
  ask(I, "list-revoked", {
    say: "show revoked invites",
    calls: [{ tool: "listInvitations", args: { status: "revoked" } }],
  }),
  ask(I, "any-for-email", {
    say: "any invitations for invitee2@acme.com?",
    calls: [{ tool: "listInvitations", args: { query: "invitee2@acme.com" } }],
    answer: "invitee2@acme\\.com",
  }),
  ask(I, "revoke-by-email", {
    say: "revoke the invitation for invitee3@hooli.com",
    proposals: [
      { tool: "revokeInvitation", args: { invitation_id: { $invitationId: "invitee3@hooli.com" } } },
    ],
    state: [{ invitation: "invitee3@hooli.com", status: "revoked" }],
  }),
  ask(I, "cancel-possessive", {
    say: "cancel invitee5@yahoo.com's invite",
    proposals: [
      { tool: "revokeInvitation", args: { invitation_id: { $invitationId: "invitee5@yahoo.com" } } },
    ],
    state: [{ invitation: "invitee5@yahoo.com", status: "revoked" }],
  }),
  ask(I, "revoke-by-id", {
    say: "revoke invitation {inv:invitee6@proton.me}",
    proposals: [
      { tool: "revokeInvitation", args: { invitation_id: { $invitationId: "invitee6@proton.me" } } },
    ],
    state: [{ invitation: "invitee6@proton.me", status: "revoked" }],
  }),
  ask(I, "blocked-domain", {
    // The card shows the block-list pre-check failing; approving it writes nothing.
    say: "invite someone@tempmail.test",
    proposals: [{ tool: "createInvitation", args: { email: "someone@tempmail.test" } }],
    refusedOnApproval: true,
    state: [{ invitation: "someone@tempmail.test", status: "none" }],
  }),
];

export const sessionCases: EvalCase[] = [
  ask(S, "list", {
    say: "list sessions for member@example.com",
    calls: [{ tool: "listSessions", args: { user_id: uid("member@example.com") } }],
    answer: "sess_",
  }),
  ask(S, "list-active", {
    say: "show active sessions for mei.harris@gmail.com",
    calls: [{ tool: "listSessions", args: { user_id: uid("mei.harris@gmail.com"), status: "active" } }],
    answer: "3",
  }),
  ask(S, "revoke-one", {
    say: "revoke session {sess:james.white@globex.com}",
    proposals: [{ tool: "revokeSession", args: { session_id: { $sessionOf: "james.white@globex.com" } } }],
    state: [{ user: "james.white@globex.com", activeSessions: 0 }],
  }),
  ask(S, "sign-out-everywhere", {
    say: "sign out kai.larsen@wayne.enterprises everywhere",
    proposalsAnyOf: [
      [
        { tool: "revokeSession", args: { session_id: { $sessionOf: "kai.larsen@wayne.enterprises" } } },
        { tool: "revokeSession", args: { session_id: { $sessionOf: "kai.larsen@wayne.enterprises" } } },
      ],
      [{ tool: "revokeAllSessions", args: { user_id: uid("kai.larsen@wayne.enterprises") } }],
    ],
    state: [{ user: "kai.larsen@wayne.enterprises", activeSessions: 0 }],
  }),
  ask(S, "log-out-all-devices", {
    say: "log priya.nguyen@piedpiper.net out of all devices",
    proposalsAnyOf: [
      [
        { tool: "revokeSession", args: { session_id: { $sessionOf: "priya.nguyen@piedpiper.net" } } },
        { tool: "revokeSession", args: { session_id: { $sessionOf: "priya.nguyen@piedpiper.net" } } },
      ],
      [{ tool: "revokeAllSessions", args: { user_id: uid("priya.nguyen@piedpiper.net") } }],
    ],
    state: [{ user: "priya.nguyen@piedpiper.net", activeSessions: 0 }],
  }),
  ask(S, "revoke-all-sessions", {
    say: "revoke all sessions of zoe.lopez@piedpiper.net",
    proposalsAnyOf: [
      [{ tool: "revokeSession", args: { session_id: { $sessionOf: "zoe.lopez@piedpiper.net" } } }],
      [{ tool: "revokeAllSessions", args: { user_id: uid("zoe.lopez@piedpiper.net") } }],
    ],
    state: [{ user: "zoe.lopez@piedpiper.net", activeSessions: 0 }],
  }),
  ask(S, "force-logout", {
    say: "force logout lucia.lewis@outlook.com",
    proposalsAnyOf: [
      [{ tool: "revokeSession", args: { session_id: { $sessionOf: "lucia.lewis@outlook.com" } } }],
      [{ tool: "revokeAllSessions", args: { user_id: uid("lucia.lewis@outlook.com") } }],
    ],
    state: [{ user: "lucia.lewis@outlook.com", activeSessions: 0 }],
  }),
  ask(S, "no-sessions", {
    say: "sign out camila.moore@yahoo.com everywhere",
    answer: "no active session",
  }),
];

const moderate = (id: string, say: string, tool: string, email: string, state: object, approve = true) =>
  ask(M, id, {
    say,
    proposals: [{ tool, args: { user_id: uid(email) } }],
    approve,
    state: [{ user: email, ...state }],
  });

export const moderationCases: EvalCase[] = [
  moderate("ban", "ban lucia.lewis@outlook.com", "banUser", "lucia.lewis@outlook.com", { banned: true }),
  moderate("suspend", "suspend levi.williams@piedpiper.net", "banUser", "levi.williams@piedpiper.net", {
    banned: true,
  }),
  moderate(
    "block-account",
    "block the account of chen.gonzalez@hooli.com",
    "banUser",
    "chen.gonzalez@hooli.com",
    {
      banned: true,
    },
  ),
  moderate("unban", "unban chen.lee@piedpiper.net", "unbanUser", "chen.lee@piedpiper.net", { banned: false }),
  moderate(
    "lift-ban",
    "lift the ban on luna.martin@wayne.enterprises",
    "unbanUser",
    "luna.martin@wayne.enterprises",
    {
      banned: false,
    },
  ),
  moderate(
    "reinstate",
    "reinstate lucas.dubois@stark-industries.com",
    "unbanUser",
    "lucas.dubois@stark-industries.com",
    {
      banned: false,
    },
  ),
  moderate("lock", "lock priya.mensah@yahoo.com", "lockUser", "priya.mensah@yahoo.com", { locked: true }),
  moderate(
    "lock-out",
    "lock out levi.obrien@stark-industries.com",
    "lockUser",
    "levi.obrien@stark-industries.com",
    {
      locked: true,
    },
  ),
  moderate(
    "unlock",
    "unlock maya.gonzalez@stark-industries.com",
    "unlockUser",
    "maya.gonzalez@stark-industries.com",
    {
      locked: false,
    },
  ),
  moderate("unlock-id", "unlock {id:lars.thompson@umbrella.co}", "unlockUser", "lars.thompson@umbrella.co", {
    locked: false,
  }),
  moderate(
    "ban-denied",
    "ban hiroshi.harris@piedpiper.net",
    "banUser",
    "hiroshi.harris@piedpiper.net",
    { banned: false },
    false,
  ),
  {
    id: "ban-them",
    category: M,
    note: "Multi-step: the pronoun refers to the user the previous turn showed.",
    turns: [
      { say: "show anya.garcia@yahoo.com", calls: [{ tool: "listUsers" }], answer: "Anya" },
      {
        say: "ban them",
        proposals: [{ tool: "banUser", args: { user_id: uid("anya.garcia@yahoo.com") } }],
        state: [{ user: "anya.garcia@yahoo.com", banned: true }],
      },
    ],
  },
  {
    id: "lock-then-unlock",
    category: M,
    turns: [
      {
        say: "lock omar.johnson@initech.io",
        proposals: [{ tool: "lockUser", args: { user_id: uid("omar.johnson@initech.io") } }],
        state: [{ user: "omar.johnson@initech.io", locked: true }],
      },
      {
        say: "unlock omar.johnson@initech.io",
        proposals: [{ tool: "unlockUser", args: { user_id: uid("omar.johnson@initech.io") } }],
        state: [{ user: "omar.johnson@initech.io", locked: false }],
      },
    ],
  },
];
