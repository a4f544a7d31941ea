import type { ModelMessage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { approveAllOf, toolChat } from "@/test/support/agent/tool-chat";
import { parseRequest } from "./parse-request";

// Access lists through the offline model, the real tools and an in-process Local Clerk.

let lc: LocalClerkHandle;
let ctx: ActionContext;

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: 10 });
  ctx = actionContext({ clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) });
});
afterAll(async () => {
  await lc?.stop();
});

const writes = (since: number) => lc.requestLog.list({ sinceSeq: since }).filter((e) => e.method !== "GET");
const mark = () => lc.requestLog.list().at(-1)?.seq ?? 0;
const blocked = async () =>
  (await ctx.clerk.blocklistIdentifiers.getBlocklistIdentifierList({ limit: 100 })).data.map(
    (i) => i.identifier,
  );

describe("parsing access-list requests", () => {
  it.each([
    ["block spam.com", { kind: "accessAdd", list: "blocklist", identifier: "spam.com" }],
    ["unblock spam.com", { kind: "accessRemove", list: "blocklist", identifier: "spam.com" }],
    ["allow *@acme.com", { kind: "accessAdd", list: "allowlist", identifier: "*@acme.com" }],
    ["add x@y.com to the block-list", { kind: "accessAdd", list: "blocklist", identifier: "x@y.com" }],
    [
      "remove acme.com from the allowlist",
      { kind: "accessRemove", list: "allowlist", identifier: "acme.com" },
    ],
    ["show the block-list", { kind: "accessList", list: "blocklist" }],
    ["is x@y.com allowed?", { kind: "accessCheck", email: "x@y.com" }],
    ["can x@y.com sign up?", { kind: "accessCheck", email: "x@y.com" }],
  ])("%s", (text, expected) => {
    expect(parseRequest(text)).toEqual(expected);
  });

  it("an email after block stays a user ban; 'block everyone at' is refused as before", () => {
    expect(parseRequest("block jane@acme.com")).toMatchObject({ kind: "moderate", tool: "banUser" });
    expect(parseRequest("block everyone at acme.com")).toMatchObject({ kind: "reply" });
  });
});

describe("access lists + real tools + Local Clerk", () => {
  it("block spam.com: one approval, then it is on the block-list; is x@spam.com allowed? says blocked", async () => {
    const history: ModelMessage[] = [{ role: "user", content: "block spam.com" }];
    const seq = mark();
    const first = await toolChat({ ctx }, "admin", history);
    expect(first.approvals.map((a) => a.toolCall)).toMatchObject([
      { toolName: "addBlocklistIdentifier", input: { identifier: "spam.com" } },
    ]);
    expect(writes(seq)).toEqual([]);
    const done = await approveAllOf({ ctx }, "admin", history, first);
    expect(done.text).toContain("Added “spam.com” to the block-list");
    expect(await blocked()).toContain("spam.com");

    const check = await toolChat({ ctx }, "admin", [{ role: "user", content: "is x@spam.com allowed?" }]);
    expect(check.approvals).toEqual([]);
    expect(check.text).toContain("x@spam.com is blocked: the block-list has “spam.com”");
  });

  it("is x@y.com allowed? with an allow-list that does not cover it warns it is outside", async () => {
    await ctx.clerk.allowlistIdentifiers.createAllowlistIdentifier({
      identifier: "partner.com",
      notify: false,
    });
    const { text } = await toolChat({ ctx }, "viewer", [{ role: "user", content: "is x@y.com allowed?" }]);
    expect(text).toContain("x@y.com is not on the block-list");
    expect(text).toContain("outside the allow-list");
    const inside = await toolChat({ ctx }, "viewer", [
      { role: "user", content: "is a@partner.com allowed?" },
    ]);
    expect(inside.text).toContain("on the allow-list (“partner.com”)");
  });

  it("show the block-list: each identifier with the day it was added, no ids", async () => {
    const { text } = await toolChat({ ctx }, "viewer", [{ role: "user", content: "show the block-list" }]);
    const today = new Date().toISOString().slice(0, 10);
    expect(text).toMatch(new RegExp(`- “spam\\.com” \\(added ${today}\\)`));
    expect(text).not.toMatch(/blid_/);
  });

  it("unblock spam.com looks the entry up and removes it after approval", async () => {
    const history: ModelMessage[] = [{ role: "user", content: "unblock spam.com" }];
    const first = await toolChat({ ctx }, "admin", history);
    expect(first.approvals.map((a) => a.toolCall.toolName)).toEqual(["removeBlocklistIdentifier"]);
    // The model reads the list without ids, so the removal names the entry by its identifier.
    expect(first.approvals.map((a) => a.toolCall.input)).toEqual([{ identifier: "spam.com" }]);
    await approveAllOf({ ctx }, "admin", history, first);
    expect(await blocked()).not.toContain("spam.com");
    const again = await toolChat({ ctx }, "admin", [{ role: "user", content: "unblock spam.com" }]);
    expect(again.approvals).toEqual([]);
    expect(again.text).toContain("is not on the block-list");
  });

  it("a viewer cannot block", async () => {
    const seq = mark();
    const { text, approvals } = await toolChat({ ctx }, "viewer", [
      { role: "user", content: "block spam.com" },
    ]);
    expect(approvals).toEqual([]);
    expect(text).toContain("addBlocklistIdentifier");
    expect(writes(seq)).toEqual([]);
  });
});
