// Lookups and Clerk's own user filters (GET /v1/users parameters): reads only, nothing proposed.
import type { EvalCase } from "../types";
import { ask, uid } from "./helpers";

const L = "lookups" as const;
const F = "filters" as const;

export const lookupCases: EvalCase[] = [
  ask(L, "show-by-email", {
    say: "show jane@acme.com",
    calls: [{ tool: "listUsers" }],
    answer: "jane@acme\\.com",
  }),
  ask(L, "who-is-email", { say: "who is john@acme.com?", calls: [{ tool: "listUsers" }], answer: "John" }),
  ask(L, "bare-email", { say: "priya@acme.com", calls: [{ tool: "listUsers" }], answer: "Priya" }),
  ask(L, "get-by-id", {
    say: "get user {id:kailarsen@wayne.enterprises}",
    calls: [{ tool: "getUser", args: { user_id: uid("kailarsen@wayne.enterprises") } }],
    answer: "Kai",
  }),
  ask(L, "profile-by-id", {
    say: "show me {id:ellarossi@acme.com}",
    calls: [{ tool: "getUser", args: { user_id: uid("ellarossi@acme.com") } }],
    answer: "Ella",
  }),
  ask(L, "users-at-domain", {
    say: "find users at globex.com",
    calls: [{ tool: "listUsers", args: { query: { $contains: "globex.com" } } }],
    answer: "globex\\.com",
  }),
  ask(L, "users-named", {
    say: "users named Priya",
    calls: [{ tool: "listUsers", args: { query: { $contains: "priya" } } }],
    answer: "Priya",
  }),
  ask(L, "search-quoted-name", {
    say: 'search for users named "Raman"',
    calls: [{ tool: "listUsers", args: { query: { $contains: "raman" } } }],
    answer: "priya@acme\\.com",
  }),
  ask(L, "list-n", { say: "list 5 users", calls: [{ tool: "listUsers", args: { limit: 5 } }] }),
  ask(L, "newest", {
    say: "the 5 newest users",
    calls: [{ tool: "listUsers", args: { limit: 5, order_by: "-created_at" } }],
  }),
  ask(L, "oldest", {
    say: "oldest 3 users",
    calls: [{ tool: "listUsers", args: { limit: 3, order_by: "+created_at" } }],
    answer: "admin@example\\.com",
  }),
  ask(L, "latest-signups", {
    say: "show the latest sign-ups",
    calls: [{ tool: "listUsers", args: { order_by: "-created_at" } }],
  }),
  ask(L, "recent-sign-in", {
    say: "who signed in most recently?",
    calls: [{ tool: "listUsers", args: { order_by: "-last_sign_in_at" } }],
  }),
  ask(L, "count-all", { say: "how many users are there?", calls: [{ tool: "countUsers" }], answerCount: {} }),
  ask(L, "count-domain", {
    say: "count users at acme.com",
    calls: [{ tool: "countUsers", args: { query: { $contains: "acme.com" } } }],
  }),
  ask(L, "user-orgs", {
    say: "which organizations is jane@acme.com in?",
    calls: [{ tool: "listUserOrganizations", args: { user_id: uid("jane@acme.com") } }],
    answer: "Acme Corp",
  }),
];

export const filterCases: EvalCase[] = [
  ask(F, "banned-which", {
    say: "which users are banned?",
    calls: [{ tool: "listUsers", args: { banned: true } }],
    answerCount: { banned: true },
  }),
  ask(F, "banned-list", { say: "list banned users", calls: [{ tool: "listUsers", args: { banned: true } }] }),
  ask(F, "banned-count", {
    say: "how many users are banned?",
    calls: [{ tool: "countUsers", args: { banned: true } }],
    answerCount: { banned: true },
  }),
  ask(F, "signed-up-7d", {
    say: "who signed up in the last 7 days?",
    calls: [{ tool: "listUsers", args: { created_at_after: { $daysAgo: 7 } } }],
  }),
  ask(F, "count-signed-up-30d", {
    say: "how many users signed up in the last 30 days?",
    calls: [{ tool: "countUsers", args: { created_at_after: { $daysAgo: 30 } } }],
    answerCount: { createdWithinDays: 30 },
  }),
  ask(F, "joined-this-month", {
    say: "users who joined this month",
    calls: [{ tool: "listUsers", args: { created_at_after: { $present: true } } }],
  }),
  ask(F, "logged-in-3d", {
    say: "who logged in in the last 3 days",
    calls: [{ tool: "listUsers", args: { last_sign_in_at_after: { $daysAgo: 3 } } }],
  }),
  ask(F, "not-signed-in-90d", {
    say: "users who haven't signed in for 90 days",
    calls: [{ tool: "listUsers", args: { last_sign_in_at_before: { $daysAgo: 90 } } }],
  }),
  ask(F, "inactive-60d", {
    say: "who has been inactive for 60 days?",
    calls: [{ tool: "listUsers", args: { last_active_at_before: { $daysAgo: 60 } } }],
  }),
  ask(F, "created-since-date", {
    say: "users created since 2026-11-01",
    calls: [{ tool: "listUsers", args: { created_at_after: { $date: "2026-11-01" } } }],
  }),
  ask(F, "created-before-date", {
    say: "how many users were created before 2025-06-01?",
    calls: [{ tool: "countUsers", args: { created_at_before: { $date: "2025-06-01" } } }],
  }),
  ask(F, "active-since-date", {
    say: "users active since 2026-10-01",
    calls: [{ tool: "listUsers", args: { last_active_at_after: { $date: "2026-10-01" } } }],
  }),
  ask(F, "banned-and-recent", {
    say: "banned users who signed up in the last 365 days",
    calls: [{ tool: "listUsers", args: { banned: true, created_at_after: { $daysAgo: 365 } } }],
  }),
  ask(F, "count-banned-at-domain", {
    say: "how many banned users are at stark-industries.com?",
    calls: [{ tool: "countUsers", args: { banned: true, query: { $contains: "stark-industries.com" } } }],
  }),
  ask(F, "external-id", {
    say: "find the user with external id crm_eval_1",
    calls: [{ tool: "listUsers", args: { external_id: ["crm_eval_1"] } }],
    answer: "kailarsen@wayne\\.enterprises",
  }),
  ask(F, "username", {
    say: "find the user with username member",
    calls: [{ tool: "listUsers", args: { username: ["member"] } }],
    answer: "member@example\\.com",
  }),
  ask(F, "phone-number", {
    say: "who has the phone number +15550100002?",
    calls: [{ tool: "listUsers", args: { phone_number: ["+15550100002"] } }],
    answer: "jameswhite@globex\\.com",
  }),
  ask(F, "org-members-filter", {
    say: "list users in the organization Hooli",
    calls: [{ tool: "listOrganizations" }],
    answer: "noradubois@stark-industries\\.com",
  }),
];
