import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOfflineModel, OFFLINE_MODEL_ID } from "@/lib/agent/offline-model/offline-model";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { seededAuth, sendChat, sendOfflineChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import type { TestDatabase } from "@/test/support/db";

// The chat's delete card asks the admin to type the user's email before Approve is enabled; the server
// checks it too, so an answer sent without it (a hand-made request, an old client) deletes nothing.

let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let admin: Actor;

beforeAll(async () => {
  setLogSink(() => {});
  ({ lc, tdb, ctx } = await startChatFixture(5));
  admin = seededAuth(lc, "admin@example.com", "admin");
}, 120_000);
afterAll(async () => {
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

const writes = () => lc.requestLog.list().filter((e) => e.method !== "GET").length;

describe("deleting a user from the chat", () => {
  it("needs the user's email typed with the approval, checked on the server", async () => {
    const email = `chatdel-${Date.now()}@example.com`;
    const user = await ctx.clerk.users.createUser({ emailAddress: [email] });
    const chatId = `chat_del_${Date.now()}`;
    const turn = await sendOfflineChat({
      auth: admin,
      body: { chatId, message: { text: `delete user ${email}` } },
      db: tdb.db,
      ctx,
    });
    const [approvalId = ""] = turn.approvalIds;
    expect(turn.approvalIds).toHaveLength(1);

    const before = writes();
    for (const confirm of [undefined, "", `x${email}`, user.id]) {
      const res = await sendChat({
        auth: admin,
        body: {
          chatId,
          approvals: [{ approvalId, approved: true, ...(confirm === undefined ? {} : { confirm }) }],
        },
        db: tdb.db,
        ctx,
        model: createOfflineModel(),
        modelInfo: { id: OFFLINE_MODEL_ID, label: "offline", kind: "offline" },
      });
      expect(res.status, String(confirm)).toBe(409);
      expect(await res.text()).toMatch(/Type the user's email/);
    }
    expect(writes()).toBe(before);
    expect(lc.state.users.findByEmail(email)).toBeDefined();

    await sendOfflineChat({
      auth: admin,
      body: { chatId, approvals: [{ approvalId, approved: true, confirm: ` ${email.toUpperCase()}` }] },
      db: tdb.db,
      ctx,
    });
    expect(lc.state.users.findByEmail(email)).toBeUndefined();
    expect(writes()).toBe(before + 1);
  });
});
