// Revoking impersonations the admin started from the console (eval/fixture.ts addImpersonations): the
// agent lists them (the console's register of actor tokens) and proposes one revoke per token.
import type { EvalCase } from "../types";
import { ask, uid } from "./helpers";

const S = "sessions" as const;
const revoke = (email: string) => ({
  tool: "revokeImpersonation",
  args: { user_id: uid(email), actor_token_id: { $actorTokenOf: email } },
});

export const impersonationCases: EvalCase[] = [
  ask(S, "end-impersonation", {
    say: "end the impersonation of ivanpetrov@outlook.com",
    calls: [{ tool: "listImpersonations", args: { user_id: uid("ivanpetrov@outlook.com") } }],
    proposals: [revoke("ivanpetrov@outlook.com")],
    state: [{ impersonationsOf: "ivanpetrov@outlook.com", pending: 0 }],
  }),
  ask(S, "revoke-all-impersonations-of", {
    say: "revoke all impersonations of ginakim@outlook.com",
    calls: [{ tool: "listImpersonations", args: { user_id: uid("ginakim@outlook.com") } }],
    proposals: [revoke("ginakim@outlook.com"), revoke("ginakim@outlook.com")],
    state: [{ impersonationsOf: "ginakim@outlook.com", pending: 0 }],
  }),
  ask(S, "viewer-revoke-impersonation", {
    say: "revoke impersonation {act:hanaito@outlook.com}",
    as: "viewer",
    answer: "not available",
    state: [{ impersonationsOf: "hanaito@outlook.com", pending: 1 }],
  }),
  ask(S, "revoke-impersonation-by-token", {
    say: "revoke impersonation {act:hanaito@outlook.com}",
    calls: [{ tool: "listImpersonations" }],
    proposals: [revoke("hanaito@outlook.com")],
    state: [{ impersonationsOf: "hanaito@outlook.com", pending: 0 }],
  }),
  ask(S, "no-impersonation-to-revoke", {
    say: "cancel the impersonation link for meiharris@gmail.com",
    calls: [{ tool: "listImpersonations", args: { user_id: uid("meiharris@gmail.com") } }],
    answer: "no active impersonation",
  }),
];
