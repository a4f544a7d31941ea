import { isStepCount, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgentTools } from "@/lib/agent/tools";
import { setLogSink } from "@/lib/errors";
import type { UserRecord } from "@/local-clerk/src/state/types";
import { type ClerkFixture, startClerkFixture } from "@/test/support/clerk-fixture";
import { useProcessTestStore } from "@/test/support/db";
import { createOfflineModel } from "./offline-model";

// The questions admins ask about sets of users, answered by the offline model with the real read tools
// (listUsers, countUsers, searchUsersByMetadata over a real store) against Local Clerk: the numbers in
// the answers are Local Clerk's.

setLogSink(() => {});
let fx: ClerkFixture;
let store: Awaited<ReturnType<typeof useProcessTestStore>>;
let users: UserRecord[];
const saved = { ...process.env };

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 120 });
  store = await useProcessTestStore("pglite");
  const all = [...fx.lc.state.users.all()];
  for (const u of all.slice(3, 9)) fx.lc.state.users.setFlags(u.id, { banned: true });
  users = [...fx.lc.state.users.all()];
});
afterAll(async () => {
  await store.close();
  await fx.stop();
  process.env = saved;
});

async function ask(question: string) {
  const { tools } = buildAgentTools({
    auth: { role: "viewer" },
    ctx: fx.ctx,
    allowPrivateMetadata: false,
    writeGate: async () => {
      throw new Error("no writes here");
    },
  });
  const calls: string[] = [];
  const result = streamText({
    model: createOfflineModel(),
    messages: [{ role: "user", content: question }],
    tools,
    stopWhen: isStepCount(4),
  });
  for await (const part of result.stream) if (part.type === "tool-call") calls.push(part.toolName);
  return { text: await result.text, calls };
}

describe("offline model: filters and metadata search against Local Clerk", () => {
  it("which users are banned? -> listUsers(banned) and exactly the banned users", async () => {
    const banned = users.filter((u) => u.banned);
    const { text, calls } = await ask("which users are banned?");
    expect(calls).toEqual(["listUsers"]);
    expect(text).toMatch(new RegExp(`^Found ${banned.length} users banned`));
    for (const u of banned) expect(text).toContain(u.id);
  });

  it("who signed up in the last 7 days? -> a created_at_after filter; the count is Local Clerk's", async () => {
    const since = Date.now() - 7 * 86_400_000;
    const recent = users.filter((u) => u.created_at > since).length;
    const { text, calls } = await ask("how many users signed up in the last 7 days?");
    expect(calls).toEqual(["countUsers"]);
    expect(text).toBe(
      `There ${recent === 1 ? "is" : "are"} ${recent} user${recent === 1 ? "" : "s"} who signed up in the last 7 days.`,
    );
  });

  it("how many users are on the pro plan? -> searchUsersByMetadata; the count is Local Clerk's", async () => {
    const pro = users.filter((u) => u.public_metadata.plan === "pro").length;
    expect(pro).toBeGreaterThan(20);
    const { text, calls } = await ask("how many users are on the pro plan?");
    expect(calls).toEqual(["searchUsersByMetadata"]);
    expect(text).toBe(`There are ${pro} users with plan = "pro".`);
  });

  it("list users with plan=enterprise -> exactly those users", async () => {
    const enterprise = users.filter((u) => u.public_metadata.plan === "enterprise");
    const { text, calls } = await ask("list users with plan=enterprise");
    expect(calls).toEqual(["searchUsersByMetadata"]);
    expect(text).toMatch(new RegExp(`^(Showing \\d+ of|Found) ${enterprise.length} users`));
    const listed = text.match(/user_[A-Za-z0-9]+/g) ?? [];
    expect(listed).toHaveLength(Math.min(20, enterprise.length));
    const ids = new Set(enterprise.map((u) => u.id));
    for (const id of listed) expect(ids.has(id), id).toBe(true);
  });
});
