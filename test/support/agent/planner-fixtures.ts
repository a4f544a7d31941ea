import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { readPrompt } from "../../../lib/agent/offline-model/observations";
import { decide } from "../../../lib/agent/offline-model/planner";
import { calls, ok, results, summary, user } from "./prompt-builders";

/** Fixtures for tests that drive the planner one step at a time over hand-written prompts. */

export const ALL_TOOLS: ReadonlySet<string> = new Set([
  "getUser",
  "listUsers",
  "countUsers",
  "searchUsersByMetadata",
  "updateUserMetadata",
  "createInvitation",
  "listInvitations",
  "revokeInvitation",
  "listSessions",
  "revokeSession",
  "banUser",
  "unbanUser",
  "lockUser",
  "unlockUser",
]);
export const READ_ONLY: ReadonlySet<string> = new Set([
  "getUser",
  "listUsers",
  "countUsers",
  "searchUsersByMetadata",
  "listInvitations",
  "listSessions",
]);

/** The planner's next step for a prompt, with the tools the admin may use. */
export const next = (prompt: LanguageModelV4Prompt, tools: ReadonlySet<string> = ALL_TOOLS) =>
  decide(readPrompt(prompt), tools);

export const textOf = (d: ReturnType<typeof next>) =>
  d.type === "text" ? d.text : `<<tool calls ${JSON.stringify(d)}>>`;

export const jane = summary("user_jane", "jane@acme.com", {
  first_name: "Jane",
  last_name: "Doe",
  public_metadata: { plan: "free" },
});

/** The admin's request, the planner's lookup of one email (call `c1`) and what it found. */
export const lookupByEmail = (
  request: string,
  email: string,
  found: readonly unknown[] = [jane],
): LanguageModelV4Prompt => [
  user(request),
  calls(["c1", "listUsers", { email_address: [email] }]),
  results(["c1", "listUsers", ok({ users: found, total_count: found.length })]),
];
