// Secrets campaign, model side: private metadata never reaches the model's input (every prompt the model
// receives, tool results and history included) unless AGENT_ALLOW_PRIVATE_METADATA opts in; with the
// opt-in the same marker does arrive, so the check can fail. Real chat handler, Local Clerk, PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleOf } from "@/lib/agent/id-handles";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import { scriptedModel } from "@/test/support/agent/scripted-model";
import { approvalIdsOf, readUIChunks } from "@/test/support/agent/ui-stream";
import type { TestDatabase } from "@/test/support/db";

const MARKER = "priv-marker-7c1f9e";
let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let admin: Actor;
let target: { id: string; email: string };
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  ({ lc, tdb, ctx } = await startChatFixture(10));
  admin = seededAuth(lc, "admin@example.com", "admin");
  const email = "private-holder@example.com";
  const u = await ctx.clerk.users.createUser({
    emailAddress: [email],
    skipPasswordRequirement: true,
    privateMetadata: { stripe_customer: MARKER, nested: { note: `${MARKER}-nested` } },
    unsafeMetadata: { hint: "unsafe-is-fine" },
  });
  target = { id: u.id, email };
}, 120_000);
afterAll(async () => {
  restoreLog?.();
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

type Call = { toolName: string; input: unknown };
const SCENARIOS: { name: string; calls: () => Call[] }[] = [
  { name: "getUser", calls: () => [{ toolName: "getUser", input: { user_id: target.id } }] },
  {
    name: "listUsers by query",
    calls: () => [{ toolName: "listUsers", input: { query: "private-holder", limit: 10 } }],
  },
  {
    name: "listUsers by email",
    calls: () => [{ toolName: "listUsers", input: { email_address: [target.email] } }],
  },
  {
    name: "approved metadata write (result goes back to the model)",
    calls: () => [
      { toolName: "updateUserMetadata", input: { user_id: target.id, public_metadata: { tier: "gold" } } },
    ],
  },
];

let seq = 0;
async function run(calls: Call[], allowPrivateMetadata: boolean) {
  const model = scriptedModel((prompt) => {
    const toolResults = prompt.filter((m) => m.role === "tool").length;
    return toolResults === 0 ? { calls } : { text: "done" };
  });
  const chatId = `secret_model_${seq++}`;
  const send = async (body: Record<string, unknown>) => {
    const res = await sendChat({
      auth: admin,
      body: { chatId, ...body },
      db: tdb.db,
      ctx,
      model,
      modelInfo: { id: "scripted", label: "scripted", kind: "openai-compatible" },
      allowPrivateMetadata,
    });
    expect(res.status).toBe(200);
    return readUIChunks(res);
  };
  const first = await send({ message: { text: `look at ${target.email}` } });
  const ids = approvalIdsOf(first);
  if (ids.length > 0) await send({ approvals: ids.map((approvalId) => ({ approvalId, approved: true })) });
  await send({ message: { text: "and again, summarise" } });
  return { prompts: JSON.stringify(model.prompts), promptCount: model.prompts.length };
}

describe("private metadata in the model's input", () => {
  it.each(SCENARIOS)("$name: absent by default, present only with the opt-in", async ({ calls }) => {
    const hidden = await run(calls(), false);
    expect(hidden.promptCount).toBeGreaterThanOrEqual(2);
    // The record reached the model (as the chat's short handle for its id), only its secrets did not.
    expect(hidden.prompts).toContain(handleOf(target.id));
    expect(hidden.prompts).not.toContain(MARKER);

    const shown = await run(calls(), true);
    expect(shown.prompts).toContain(MARKER);
  });
});
