// Invitations, sessions and moderation (ban, unban, lock, unlock).
import type { EvalCase } from "../types";
import { ask, uid } from "./helpers";

const I = "invitations" as const;
const S = "sessions" as const;
const M = "moderation" as const;
const SI = "sign-ins" as const;

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
    say: "any invitations for patnew@acme.com?",
    calls: [{ tool: "listInvitations", args: { query: "patnew@acme.com" } }],
    answer: "patnew@acme\\.com",
  }),
  ask(I, "revoke-by-email", {
    say: "revoke the invitation for quentinnew@hooli.com",
    // The model reads invitations without ids (lib/agent/tool-views.ts) and revokes by email.
    proposals: [{ tool: "revokeInvitation", args: { email_address: "quentinnew@hooli.com" } }],
    state: [{ invitation: "quentinnew@hooli.com", status: "revoked" }],
  }),
  ask(I, "cancel-possessive", {
    say: "cancel rosanew@yahoo.com's invite",
    proposals: [{ tool: "revokeInvitation", args: { email_address: "rosanew@yahoo.com" } }],
    state: [{ invitation: "rosanew@yahoo.com", status: "revoked" }],
  }),
  ask(I, "revoke-by-id", {
    say: "revoke invitation {inv:sidnew@proton.me}",
    proposals: [{ tool: "revokeInvitation", args: { invitation_id: { $invitationId: "sidnew@proton.me" } } }],
    state: [{ invitation: "sidnew@proton.me", status: "revoked" }],
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
    say: "show active sessions for meiharris@gmail.com",
    calls: [{ tool: "listSessions", args: { user_id: uid("meiharris@gmail.com"), status: "active" } }],
    answer: "3",
  }),
  ask(S, "revoke-one", {
    say: "revoke session {sess:jameswhite@globex.com}",
    proposals: [{ tool: "revokeSession", args: { session_id: { $sessionOf: "jameswhite@globex.com" } } }],
    state: [{ user: "jameswhite@globex.com", activeSessions: 0 }],
  }),
  ask(S, "sign-out-everywhere", {
    say: "sign out kailarsen@wayne.enterprises everywhere",
    proposalsAnyOf: [
      [
        { tool: "revokeSession", args: { session_id: { $sessionOf: "kailarsen@wayne.enterprises" } } },
        { tool: "revokeSession", args: { session_id: { $sessionOf: "kailarsen@wayne.enterprises" } } },
      ],
      [{ tool: "revokeAllSessions", args: { user_id: uid("kailarsen@wayne.enterprises") } }],
    ],
    state: [{ user: "kailarsen@wayne.enterprises", activeSessions: 0 }],
  }),
  ask(S, "log-out-all-devices", {
    say: "log priyanguyen@piedpiper.net out of all devices",
    proposalsAnyOf: [
      [
        { tool: "revokeSession", args: { session_id: { $sessionOf: "priyanguyen@piedpiper.net" } } },
        { tool: "revokeSession", args: { session_id: { $sessionOf: "priyanguyen@piedpiper.net" } } },
      ],
      [{ tool: "revokeAllSessions", args: { user_id: uid("priyanguyen@piedpiper.net") } }],
    ],
    state: [{ user: "priyanguyen@piedpiper.net", activeSessions: 0 }],
  }),
  ask(S, "revoke-all-sessions", {
    say: "revoke all sessions of zoelopez@piedpiper.net",
    proposalsAnyOf: [
      [{ tool: "revokeSession", args: { session_id: { $sessionOf: "zoelopez@piedpiper.net" } } }],
      [{ tool: "revokeAllSessions", args: { user_id: uid("zoelopez@piedpiper.net") } }],
    ],
    state: [{ user: "zoelopez@piedpiper.net", activeSessions: 0 }],
  }),
  ask(S, "force-logout", {
    say: "force logout lucialewis@outlook.com",
    proposalsAnyOf: [
      [{ tool: "revokeSession", args: { session_id: { $sessionOf: "lucialewis@outlook.com" } } }],
      [{ tool: "revokeAllSessions", args: { user_id: uid("lucialewis@outlook.com") } }],
    ],
    state: [{ user: "lucialewis@outlook.com", activeSessions: 0 }],
  }),
  ask(S, "no-sessions", {
    say: "sign out camilamoore@yahoo.com everywhere",
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
  moderate("ban", "ban lucialewis@outlook.com", "banUser", "lucialewis@outlook.com", { banned: true }),
  moderate("suspend", "suspend leviwilliams@piedpiper.net", "banUser", "leviwilliams@piedpiper.net", {
    banned: true,
  }),
  moderate(
    "block-account",
    "block the account of chengonzalez@hooli.com",
    "banUser",
    "chengonzalez@hooli.com",
    {
      banned: true,
    },
  ),
  moderate("unban", "unban chenlee@piedpiper.net", "unbanUser", "chenlee@piedpiper.net", { banned: false }),
  moderate(
    "lift-ban",
    "lift the ban on lunamartin@wayne.enterprises",
    "unbanUser",
    "lunamartin@wayne.enterprises",
    {
      banned: false,
    },
  ),
  moderate(
    "reinstate",
    "reinstate lucasdubois@stark-industries.com",
    "unbanUser",
    "lucasdubois@stark-industries.com",
    {
      banned: false,
    },
  ),
  moderate("lock", "lock priyamensah@yahoo.com", "lockUser", "priyamensah@yahoo.com", { locked: true }),
  moderate(
    "lock-out",
    "lock out leviobrien@stark-industries.com",
    "lockUser",
    "leviobrien@stark-industries.com",
    {
      locked: true,
    },
  ),
  moderate(
    "unlock",
    "unlock mayagonzalez@stark-industries.com",
    "unlockUser",
    "mayagonzalez@stark-industries.com",
    {
      locked: false,
    },
  ),
  moderate("unlock-id", "unlock {id:larsthompson@umbrella.co}", "unlockUser", "larsthompson@umbrella.co", {
    locked: false,
  }),
  moderate(
    "ban-denied",
    "ban hiroshiharris@piedpiper.net",
    "banUser",
    "hiroshiharris@piedpiper.net",
    { banned: false },
    false,
  ),
  {
    id: "ban-them",
    category: M,
    note: "Multi-step: the pronoun refers to the user the previous turn showed.",
    turns: [
      { say: "show anyagarcia@yahoo.com", calls: [{ tool: "listUsers" }], answer: "Anya" },
      {
        say: "ban them",
        proposals: [{ tool: "banUser", args: { user_id: uid("anyagarcia@yahoo.com") } }],
        state: [{ user: "anyagarcia@yahoo.com", banned: true }],
      },
    ],
  },
  {
    id: "lock-then-unlock",
    category: M,
    turns: [
      {
        say: "lock omarjohnson@initech.io",
        proposals: [{ tool: "lockUser", args: { user_id: uid("omarjohnson@initech.io") } }],
        state: [{ user: "omarjohnson@initech.io", locked: true }],
      },
      {
        say: "unlock omarjohnson@initech.io",
        proposals: [{ tool: "unlockUser", args: { user_id: uid("omarjohnson@initech.io") } }],
        state: [{ user: "omarjohnson@initech.io", locked: false }],
      },
    ],
  },
];

export const signInCases: EvalCase[] = [
  ask(SI, "last-hour", { say: "who signed in in the last hour?", calls: [{ tool: "listSignIns" }] }),
  ask(SI, "recent", { say: "show recent sign-ins", calls: [{ tool: "listSignIns" }] }),
  ask(SI, "suspicious", {
    say: "show suspicious sign-ins this week",
    calls: [{ tool: "listSuspiciousSignIns" }],
  }),
  ask(SI, "per-day", { say: "sign-ins per day this week", calls: [{ tool: "countSignInsPerDay" }] }),
  ask(SI, "active-now", {
    say: "how many active sessions are there right now?",
    calls: [{ tool: "listActiveSessions" }],
  }),
];
