import type { ModelMessage } from "ai";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsoleRole } from "@/lib/auth/policy";
import { actionContext } from "@/lib/clerk/action-context";
import { createClerkClientFor } from "@/lib/clerk/client";
import type { ActionContext } from "@/lib/clerk/define-action";
import { bulkJobs, bulkJobTargets } from "@/lib/db/schema";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type LocalClerkHandle, startLocalClerk } from "@/local-clerk/src/index";
import {
  approveAllOf,
  type ToolChatOptions,
  type ToolChatTurn,
  toolChat,
} from "@/test/support/agent/tool-chat";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { chatBulkProposerFor } from "@/test/support/jobs";
import { parseRequest } from "./parse-request";

// The offline model's organization requests against the real tools and an in-process Local Clerk.

let lc: LocalClerkHandle;
let ctx: ActionContext;
let tdb: TestDatabase;
let acmeId = "";

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  tdb = await createTestDatabase("pglite");
  lc = await startLocalClerk({ port: 0, quiet: true, seedUsers: 30 });
  ctx = actionContext({ clerk: createClerkClientFor({ apiUrl: lc.url, secretKey: LOCAL_SECRET_KEY }) });
  const { data } = await ctx.clerk.organizations.getOrganizationList({ query: "Acme Corp" });
  acmeId = data[0]?.id ?? "";
});
afterAll(async () => {
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

const opts = (): ToolChatOptions => ({
  ctx,
  proposeBulkJob: chatBulkProposerFor(tdb.db, ctx, lc.state.users.findByEmail("admin@example.com")?.id ?? ""),
});
const chat = (role: ConsoleRole, messages: ModelMessage[]) => toolChat(opts(), role, messages);
const approveAll = (role: ConsoleRole, history: ModelMessage[], first: ToolChatTurn) =>
  approveAllOf(opts(), role, history, first);

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
    [
      "invite a@x.com and b@x.com to Acme as admins",
      { kind: "orgInvite", org: "Acme", emails: ["a@x.com", "b@x.com"], role: "org:admin" },
    ],
    [
      "invite these emails to Globex:\na@x.com\nb@x.com",
      { kind: "orgInvite", org: "Globex", emails: ["a@x.com", "b@x.com"], role: "org:member" },
    ],
    ['invite a@x.com to "Acme Corp"', { kind: "orgInvite", org: "Acme Corp", role: "org:member" }],
    ["invite a@x.com to the app", { kind: "invite", emails: ["a@x.com"] }],
    ["invite x@y.com and redirect to https://a.example.com/x", { kind: "invite" }],
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

  it("invite these 30 emails to Globex: ONE bulk plan (no per-email card), nothing sent before its approval", async () => {
    const emails = Array.from({ length: 30 }, (_, i) => `globex-chat-${i}@example.org`);
    const { data } = await ctx.clerk.organizations.getOrganizationList({ query: "Globex" });
    const globex = data[0]?.id ?? "";
    const seq = mark();
    const { text, approvals, responseMessages } = await chat("admin", [
      { role: "user", content: `invite these 30 emails to Globex: ${emails.join(", ")}` },
    ]);
    expect(approvals).toEqual([]);
    const toolCalls = responseMessages.flatMap((m) =>
      Array.isArray(m.content)
        ? (m.content as Array<{ type: string; toolName?: string }>)
            .filter((p) => p.type === "tool-call")
            .map((p) => p.toolName)
        : [],
    );
    expect(toolCalls).toEqual(["listOrganizations", "proposeBulkJob"]);
    expect(text).toContain("I planned one bulk job: 30 invitations");
    expect(writes(seq)).toEqual([]);
    const [job] = await tdb.db
      .select()
      .from(bulkJobs)
      .where(eq(bulkJobs.action, "createOrganizationInvitation"));
    expect(job?.status).toBe("awaiting_approval");
    const targets = await tdb.db
      .select()
      .from(bulkJobTargets)
      .where(eq(bulkJobTargets.jobId, job?.id ?? ""));
    expect(targets.map((t) => (t.args as { email: string }).email).sort()).toEqual([...emails].sort());
    expect(new Set(targets.map((t) => (t.args as { organization_id: string }).organization_id))).toEqual(
      new Set([globex]),
    );
  });

  it("invite two emails to Acme as admins: one approval card each, then the invitations exist", async () => {
    const emails = ["acme-chat-a@example.org", "acme-chat-b@example.org"];
    const history: ModelMessage[] = [
      { role: "user", content: `invite ${emails.join(" and ")} to Acme as admins` },
    ];
    const first = await chat("admin", history);
    expect(first.approvals.map((a) => a.toolCall)).toMatchObject(
      emails.map((email) => ({
        toolName: "createOrganizationInvitation",
        input: { organization_id: acmeId, email, role: "org:admin" },
      })),
    );
    const done = await approveAll("admin", history, first);
    expect(done.text).toContain("2 done");
    const pending = await ctx.clerk.organizations.getOrganizationInvitationList({
      organizationId: acmeId,
      status: ["pending"],
      limit: 100,
    });
    for (const email of emails) expect(pending.data.map((i) => i.emailAddress)).toContain(email);
  });

  it("bad input in the chat: an unknown role refuses the whole plan in plain words, nothing planned or sent", async () => {
    const emails = [1, 2, 3, 4].map((i) => `wizard${i}@example.org`);
    const jobs = (await tdb.db.select().from(bulkJobs)).length;
    const seq = mark();
    const { text, approvals } = await chat("admin", [
      { role: "user", content: `invite ${emails.join(", ")} to Globex as wizards` },
    ]);
    expect(approvals).toEqual([]);
    expect(text).toContain("Unknown organization role org:wizard");
    expect((await tdb.db.select().from(bulkJobs)).length).toBe(jobs);
    expect(writes(seq)).toEqual([]);
  });

  it("a viewer cannot plan the bulk invitation", async () => {
    const emails = [1, 2, 3, 4].map((i) => `v${i}@example.org`);
    const { text, approvals } = await chat("viewer", [
      { role: "user", content: `invite ${emails.join(", ")} to Globex` },
    ]);
    expect(approvals).toEqual([]);
    expect(text).toContain("proposeBulkJob");
  });
});
