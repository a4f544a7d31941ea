// The agent reads its own history (the audit log) and undoes a change through a normal approval card.
import type { EvalCase } from "../types";
import { ask, uid } from "./helpers";

const H = "history" as const;

export const historyCases: EvalCase[] = [
  {
    id: "change-list-undo",
    category: H,
    note: "Multi-step: a change, approved; 'what did I change today?'; 'undo the last one', approved: the value is back.",
    turns: [
      {
        say: "set tier=silver for aishathompson@hooli.com",
        proposals: [{ tool: "updateUserMetadata", args: { user_id: uid("aishathompson@hooli.com") } }],
        state: [{ user: "aishathompson@hooli.com", publicMetadata: { tier: "silver" } }],
      },
      {
        say: "what did I change today?",
        calls: [{ tool: "listAuditEntries", args: { actor: "me" } }],
        answer: "aishathompson@hooli\\.com",
      },
      {
        say: "undo the last one",
        calls: [{ tool: "proposeUndo" }],
        proposals: [
          {
            tool: "updateUserMetadata",
            args: { user_id: uid("aishathompson@hooli.com"), public_metadata: { tier: null } },
          },
        ],
        state: [{ user: "aishathompson@hooli.com", publicMetadata: { tier: { $absent: true } } }],
      },
    ],
  },
  {
    id: "undo-ban",
    category: H,
    turns: [
      {
        say: "ban henrycosta@globex.com",
        proposals: [{ tool: "banUser", args: { user_id: uid("henrycosta@globex.com") } }],
        state: [{ user: "henrycosta@globex.com", banned: true }],
      },
      {
        say: "undo my last change",
        calls: [{ tool: "proposeUndo" }],
        proposals: [{ tool: "unbanUser", args: { user_id: uid("henrycosta@globex.com") } }],
        state: [{ user: "henrycosta@globex.com", banned: false }],
      },
    ],
  },
  ask(H, "audit-log", { say: "show the audit log", calls: [{ tool: "listAuditEntries" }] }),
  ask(H, "my-changes", {
    say: "show my changes",
    calls: [{ tool: "listAuditEntries", args: { actor: "me" } }],
  }),
  ask(H, "failed", {
    say: "failed changes in the last 7 days",
    calls: [{ tool: "listAuditEntries", args: { outcome: "error", from: { $daysAgo: 7 } } }],
  }),
  ask(H, "who-changed-target", {
    say: "what did admin@example.com do to jane@acme.com?",
    calls: [{ tool: "listAuditEntries", args: { actor: "admin@example.com", target: "jane@acme.com" } }],
    answer: "plan",
  }),
  ask(H, "who-changed-yesterday", {
    say: "who changed john@acme.com yesterday?",
    calls: [{ tool: "listAuditEntries", args: { target: "john@acme.com", from: { $daysAgo: 1 } } }],
  }),
  {
    id: "undo-invitation-impossible",
    category: H,
    turns: [
      {
        say: "invite history.check@example.com",
        proposals: [{ tool: "createInvitation", args: { email: "history.check@example.com" } }],
        state: [{ invitation: "history.check@example.com", status: "pending" }],
      },
      { say: "undo my last change", calls: [{ tool: "proposeUndo" }], answer: "can't undo" },
    ],
  },
];
