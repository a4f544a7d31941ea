import { isStepCount, type ModelMessage, streamText, type ToolApprovalResponse } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgentTools } from "@/lib/agent/tools";
import type { ConsoleRole } from "@/lib/auth/policy";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import { createOfflineModel } from "./offline-model";
import { parseRequest } from "./parse-request";

// The offline model's organization requests against the real tools and an in-process Local Clerk.

let lc: LocalClerkHandle;
let ctx: ActionContext;
let acmeId = "";

beforeAll(async () => {
  lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: 30 });
  ctx = { clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) };
  const { data } = await ctx.clerk.organizations.getOrganizationList({ query: "Acme Corp" });
  acmeId = data[0]?.id ?? "";
});
afterAll(async () => {
  await lc?.stop();
});

async function chat(role: ConsoleRole, messages: ModelMessage[]) {
  const { tools, writeToolNames } = buildAgentTools({
    auth: { role },
    ctx,
    allowPrivateMetadata: false,
    writeGate: (action, input) => action.run(input, ctx),
  });
  const result = streamText({
    model: createOfflineModel(),
    messages,
    tools,
    toolApproval: Object.fromEntries([...writeToolNames].map((n) => [n, "user-approval" as const])),
    stopWhen: isStepCount(10),
  });
  const approvals: Array<{
    approvalId: string;
    toolCall: { toolName: string; input: Record<string, unknown> };
  }> = [];
  for await (const part of result.stream)
    if (part.type === "tool-approval-request") approvals.push(part as never);
  return { approvals, text: await result.text, responseMessages: await result.responseMessages };
}

async function approveAll(
  role: ConsoleRole,
  history: ModelMessage[],
  first: Awaited<ReturnType<typeof chat>>,
) {
  const answers: ToolApprovalResponse[] = first.approvals.map((a) => ({
    type: "tool-approval-response",
    approvalId: a.approvalId,
    approved: true,
  }));
  return chat(role, [...history, ...first.responseMessages, { role: "tool", content: answers }]);
}

const writes = (since: number) => lc.requestLog.list({ sinceSeq: since }).filter((e) => e.method !== "GET");
const mark = () => lc.requestLog.list().at(-1)?.seq ?? 0;

describe("parsing organization requests", () => {
  it.each([
    ["who are the admins of Acme?", { kind: "orgAdmins", org: "Acme" }],
    ["list the org admins of Globex", { kind: "orgAdmins", org: "Globex" }],
    ["which organizations have no admin?", { kind: "orgsWithoutAdmin" }],
    ["add jane@acme.com to Acme as a member", { kind: "orgAddMember", org: "Acme", role: "org:member" }],
    [
      "add jane@acme.com to the Acme organization as an admin",
      { kind: "orgAddMember", org: "Acme", role: "org:admin" },
    ],
    [
      "make bob an org admin",
      { kind: "orgSetRole", role: "org:admin", target: { by: "name", query: "bob" } },
    ],
    ["make bob an admin of Globex", { kind: "orgSetRole", org: "Globex", role: "org:admin" }],
  ])("%s", (text, expected) => {
    expect(parseRequest(text)).toMatchObject(expected);
  });

  it("leaves user-metadata roles alone", () => {
    expect(parseRequest("make bob@x.com an admin")).toMatchObject({ kind: "updateMetadata" });
  });
});

describe("organization requests + real tools + Local Clerk", () => {
  it("who are the admins of Acme? names them, reading only", async () => {
    const seq = mark();
    const { text, approvals } = await chat("admin", [
      { role: "user", content: "who are the admins of Acme?" },
    ]);
    expect(approvals).toEqual([]);
    expect(text).toContain("Acme Corp");
    expect(text).toContain("admin@example.com");
    expect(writes(seq)).toEqual([]);
  });

  it("add jane@acme.com to Acme as a member: one approval, then the membership exists", async () => {
    const jane = lc.state.users.findByEmail("jane@acme.com");
    if (lc.state.organizations.memberships.get(acmeId, jane?.id ?? ""))
      await ctx.clerk.organizations.deleteOrganizationMembership({
        organizationId: acmeId,
        userId: jane?.id ?? "",
      });
    const history: ModelMessage[] = [{ role: "user", content: "add jane@acme.com to Acme as a member" }];
    const seq = mark();
    const first = await chat("admin", history);
    expect(first.approvals.map((a) => a.toolCall)).toMatchObject([
      {
        toolName: "addOrganizationMember",
        input: { organization_id: acmeId, user_id: jane?.id, role: "org:member" },
      },
    ]);
    expect(writes(seq)).toEqual([]);
    const done = await approveAll("admin", history, first);
    expect(done.text).toContain("Added");
    expect(lc.state.organizations.memberships.get(acmeId, jane?.id ?? "")?.role).toBe("org:member");
  });

  it("make bob an org admin: finds Bob's only organization and proposes the role change", async () => {
    const bob = await ctx.clerk.users.createUser({
      emailAddress: ["bobby.tables@globex.com"],
      firstName: "Bobby",
      lastName: "Tables",
    });
    const { data } = await ctx.clerk.organizations.getOrganizationList({ query: "Globex" });
    const globex = data[0]?.id ?? "";
    await ctx.clerk.organizations.createOrganizationMembership({
      organizationId: globex,
      userId: bob.id,
      role: "org:member",
    });
    const history: ModelMessage[] = [{ role: "user", content: "make bobby an org admin" }];
    const first = await chat("admin", history);
    expect(first.approvals.map((a) => a.toolCall)).toMatchObject([
      {
        toolName: "updateOrganizationMemberRole",
        input: { organization_id: globex, user_id: bob.id, role: "org:admin" },
      },
    ]);
    const done = await approveAll("admin", history, first);
    expect(done.text).toContain("is now org:admin");
    expect(lc.state.organizations.memberships.get(globex, bob.id)?.role).toBe("org:admin");
  });

  it("which organizations have no admin? lists exactly the ones Clerk flags", async () => {
    const org = await ctx.clerk.organizations.createOrganization({
      name: "Headless Labs",
      slug: "headless-labs",
    });
    const seq = mark();
    const { text, approvals } = await chat("admin", [
      { role: "user", content: "which organizations have no admin?" },
    ]);
    expect(approvals).toEqual([]);
    expect(text).toContain("Headless Labs");
    const expected = [...lc.state.organizations.orgs.list({}, undefined, () => 0)].filter((o) =>
      lc.state.organizations.missingElevatedMember(o.id),
    );
    expect(text).toContain(`${expected.length} of`);
    expect(writes(seq)).toEqual([]);
    expect(org.id).toMatch(/^org_/);
  });

  it("a viewer is told the write tool is not available", async () => {
    const { text, approvals } = await chat("viewer", [
      { role: "user", content: "add jane@acme.com to Acme as a member" },
    ]);
    expect(approvals).toEqual([]);
    expect(text).toContain("addOrganizationMember");
  });
});
