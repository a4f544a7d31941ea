import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/agent/redact";
import { recordProposal } from "@/lib/approvals/approvals";
import { cancelTokenProposals, decideInboxItems, type InboxDeps, listInbox } from "@/lib/approvals/inbox";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup, type OwnerLookup } from "@/lib/auth/token-auth";
import { actionList, actions, readActions } from "@/lib/clerk/registry";
import { accessTokens, approvals, auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { BULK_JOB_TOOL } from "@/lib/jobs/bulk-tool";
import { createAccessToken, revokeAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { bulkProposerFor } from "@/test/support/jobs";
import { serveWebHandler } from "@/test/support/mcp-node-server";
import { createMcpHandler } from "./handler";
import { APPROVAL_STATUS_TOOL } from "./server";

let fx: ClerkFixture;
let tdb: TestDatabase;
let http: Awaited<ReturnType<typeof serveWebHandler>>;
let url: URL;
let lookupOwner: OwnerLookup;
let admin: Actor;
let admin2: Actor;
let viewer: Actor;
let memberId: string;
const tokens: Record<"propose" | "read" | "viewer" | "revoked" | "expired" | "admin2", string> = {
  propose: "",
  read: "",
  viewer: "",
  revoked: "",
  expired: "",
  admin2: "",
};
let admin2TokenId = "";
let restoreLog: () => void;
const clients: Client[] = [];

const inbox = (): InboxDeps => ({
  db: tdb.db,
  ctx: fx.ctx,
  lookupOwner,
  allowPrivateMetadata: false,
});

async function connect(token: string, opts: { elicit?: "accept" | "decline" } = {}): Promise<Client> {
  const client = new Client(
    { name: "mcp-test", version: "1.0.0" },
    { capabilities: opts.elicit ? { elicitation: { form: {} } } : {} },
  );
  if (opts.elicit) {
    const action = opts.elicit;
    client.setRequestHandler(ElicitRequestSchema, async () =>
      action === "accept" ? { action: "accept", content: { confirm: true } } : { action: "decline" },
    );
  }
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

type Structured = Record<string, unknown>;
const structured = (r: unknown) => (r as { structuredContent: Structured }).structuredContent;
const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");
const plan = async () => (await fx.ctx.clerk.users.getUser(memberId)).publicMetadata.plan;

async function proposePlan(client: Client, value: string): Promise<{ id: string; hash: string }> {
  const result = await client.callTool({
    name: "updateUserMetadata",
    arguments: { user_id: memberId, public_metadata: { plan: value } },
  });
  expect(result.isError ?? false).toBe(false);
  const id = String(structured(result).approval_id);
  const [row] = await tdb.db.select().from(approvals).where(eq(approvals.id, id));
  if (!row) throw new Error(`no approval row ${id}`);
  return { id, hash: row.argsHash };
}

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 30 }), createTestDatabase("pglite")]);
  const id = (email: string) => fx.userIdByEmail(email);
  admin = { userId: id("admin@example.com"), email: "admin@example.com", role: "admin" };
  viewer = { userId: id("viewer@example.com"), email: "viewer@example.com", role: "viewer" };
  memberId = id("member@example.com");
  const second = await fx.ctx.clerk.users.createUser({
    emailAddress: ["admin2@example.com"],
    password: "admin2-password-123",
    publicMetadata: { role: "admin" },
  });
  admin2 = { userId: second.id, email: "admin2@example.com", role: "admin" };
  await fx.ctx.clerk.users.updateUserMetadata(memberId, { privateMetadata: { secret: "s3cr3t" } });
  lookupOwner = clerkOwnerLookup((uid) => fx.ctx.clerk.users.getUser(uid), { ttlMs: 0 });

  const make = async (who: Actor, scope: "read" | "read+propose", name: string, now?: Date) =>
    createAccessToken(tdb.db, who, { name, scope, expiresInDays: 1 }, now);
  tokens.propose = (await make(admin, "read+propose", "propose")).token;
  tokens.read = (await make(admin, "read", "read-only")).token;
  tokens.viewer = (await make(viewer, "read", "viewer")).token;
  const a2 = await make(admin2, "read+propose", "admin2");
  tokens.admin2 = a2.token;
  admin2TokenId = a2.view.id;
  const revoked = await make(admin, "read+propose", "to revoke");
  await revokeAccessToken(tdb.db, admin, revoked.view.id);
  tokens.revoked = revoked.token;
  tokens.expired = (await make(admin, "read+propose", "old", new Date(Date.now() - 2 * 86_400_000))).token;

  const handler = createMcpHandler({
    deps: async () => ({
      ...inbox(),
      proposeBulkJob: bulkProposerFor(tdb.db, fx.ctx),
    }),
  });
  http = await serveWebHandler(handler);
  url = new URL(`${http.url}/api/mcp`);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  restoreLog?.();
  await http?.close();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

describe("MCP server over HTTP with the SDK client", () => {
  it("lists the registry's tools with the same schemas (read tokens see no write tools)", async () => {
    const client = await connect(tokens.propose);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [...actionList.map((a) => a.name), BULK_JOB_TOOL, APPROVAL_STATUS_TOOL].sort(),
    );
    const update = tools.find((t) => t.name === "updateUserMetadata");
    expect(Object.keys(update?.inputSchema.properties ?? {}).sort()).toEqual(
      ["private_metadata", "public_metadata", "unsafe_metadata", "user_id"].sort(),
    );
    expect(update?.annotations?.readOnlyHint).toBe(false);

    const readOnly = await connect(tokens.read);
    const listed = (await readOnly.listTools()).tools.map((t) => t.name).sort();
    expect(listed).toEqual([...readActions.map((a) => a.name), APPROVAL_STATUS_TOOL].sort());
  });

  it("answers reads directly with compact, redacted projections", async () => {
    const client = await connect(tokens.viewer);
    const got = structured(await client.callTool({ name: "getUser", arguments: { user_id: memberId } }));
    const user = got.untrusted_data as Record<string, unknown>;
    expect(user.id).toBe(memberId);
    expect(user.private_metadata).toBe(REDACTED);
    expect(JSON.stringify(got)).not.toContain("s3cr3t");
    const list = structured(
      await client.callTool({ name: "listUsers", arguments: { query: "member@example.com", limit: 5 } }),
    );
    expect(JSON.stringify(list)).toContain(memberId);
    const bad = await client.callTool({ name: "getUser", arguments: { user_id: 42 } });
    expect(bad.isError).toBe(true);
    const [row] = await tdb.db.select().from(accessTokens).where(eq(accessTokens.name, "viewer"));
    expect(row?.lastUsedAt).not.toBeNull();
  });

  it("queues a write in the inbox; it runs only after an admin approves, and the client sees the result", async () => {
    const client = await connect(tokens.propose);
    const mark = fx.mark();
    const { id, hash } = await proposePlan(client, "mcp-pro");
    await settle();
    expect(writesSince(mark)).toEqual([]);
    expect(await plan()).not.toBe("mcp-pro");
    const pending = structured(
      await client.callTool({ name: APPROVAL_STATUS_TOOL, arguments: { approval_id: id } }),
    );
    expect(pending.status).toBe("pending");
    const items = await listInbox(tdb.db, admin2.userId, (n) => n);
    const item = items.find((i) => i.card.approvalId === id);
    expect(item?.source).toBe("mcp");
    expect(item?.card.args).toEqual({ user_id: memberId, public_metadata: { plan: "mcp-pro" } });

    // Any admin may approve an MCP proposal; the proposer is the actor, the approver is recorded.
    const [result] = await decideInboxItems(inbox(), admin2, [
      { approvalId: id, approved: true, argsHash: hash },
    ]);
    expect(result).toMatchObject({ ok: true, status: "executed" });
    await settle();
    expect(writesSince(mark)).toHaveLength(1);
    expect(await plan()).toBe("mcp-pro");

    const done = structured(
      await client.callTool({ name: APPROVAL_STATUS_TOOL, arguments: { approval_id: id } }),
    );
    expect(done).toMatchObject({ status: "executed", outcome: "ok" });
    expect((done.result as { public_metadata: { plan: string } }).public_metadata.plan).toBe("mcp-pro");
    expect(JSON.stringify(done)).not.toContain("s3cr3t");
    const [audit] = await tdb.db.select().from(auditLog).where(eq(auditLog.approvalId, id));
    expect(audit).toMatchObject({
      source: "mcp",
      actorUserId: admin.userId,
      approverUserId: admin2.userId,
      action: "updateUserMetadata",
      outcome: "ok",
    });
  });

  it("asks for confirmation by elicitation when the client supports it, still followed by the inbox", async () => {
    const declining = await connect(tokens.propose, { elicit: "decline" });
    const declined = structured(
      await declining.callTool({
        name: "updateUserMetadata",
        arguments: { user_id: memberId, public_metadata: { plan: "declined" } },
      }),
    );
    expect(declined.status).toBe("withdrawn");
    const accepting = await connect(tokens.propose, { elicit: "accept" });
    const accepted = structured(
      await accepting.callTool({
        name: "updateUserMetadata",
        arguments: { user_id: memberId, public_metadata: { plan: "elicited" } },
      }),
    );
    expect(accepted.status).toBe("pending_approval");
    const [row] = await tdb.db
      .select()
      .from(approvals)
      .where(eq(approvals.id, String(accepted.approval_id)));
    expect(row?.status).toBe("pending");
    expect(await plan()).not.toBe("elicited");
  });
});

describe("refusals", () => {
  async function raw(token: string | null, body: unknown) {
    return fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
  }
  const init = {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  };

  it.each([
    ["no token", null],
    ["a malformed token", "not-a-token"],
    ["an unknown token", `cac_${"A".repeat(43)}`],
    ["a revoked token", "revoked"],
    ["an expired token", "expired"],
  ] as const)("answers %s with 401 and a Bearer challenge", async (_label, which) => {
    const token = which === null ? null : (tokens[which as keyof typeof tokens] ?? which);
    const res = await raw(token, init);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="clerk-admin-console"/);
    if (which !== null) expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    await expect(connect(token ?? "")).rejects.toThrow();
  });

  it("refuses a write from a read-only token with 403 and writes nothing", async () => {
    const mark = fx.mark();
    const before = await tdb.db.select().from(approvals);
    const call = {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "banUser", arguments: { user_id: memberId } },
    };
    for (const token of [tokens.read, tokens.viewer]) {
      const res = await raw(token, call);
      expect(res.status).toBe(403);
      expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      const client = await connect(token);
      await expect(
        client.callTool({ name: "banUser", arguments: { user_id: memberId } }),
      ).rejects.toMatchObject({
        code: 403,
      });
    }
    await settle();
    expect(writesSince(mark)).toEqual([]);
    expect(await tdb.db.select().from(approvals)).toHaveLength(before.length);
  });

  it("a viewer cannot create a read+propose token", async () => {
    await expect(
      createAccessToken(tdb.db, viewer, { name: "x", scope: "read+propose", expiresInDays: 1 }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("does not let another token use a session", async () => {
    const client = await connect(tokens.propose);
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId ?? "";
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        Authorization: `Bearer ${tokens.read}`,
        "mcp-session-id": sessionId,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }),
    });
    expect(res.status).toBe(404);
  });
});

describe("a write never executes without the inbox approval", () => {
  it("refuses replays, tampered arguments, expiry, viewers, other admins' chats, stale targets, demoted proposers and revoked tokens: 0 writes", async () => {
    const client = await connect(tokens.propose);
    const deps = inbox();

    const replay = await proposePlan(client, "replay");
    expect(
      (
        await decideInboxItems(deps, admin, [
          { approvalId: replay.id, approved: true, argsHash: replay.hash },
        ])
      )[0],
    ).toMatchObject({ ok: true });
    const tampered = await proposePlan(client, "tampered");
    const wrongHash = await proposePlan(client, "wrong-hash");
    const expired = await proposePlan(client, "expired");
    const byViewer = await proposePlan(client, "viewer");
    const stale = await proposePlan(client, "stale");
    const denied = await proposePlan(client, "denied");
    const fromAdmin2 = await proposePlan(await connect(tokens.admin2), "demoted");
    const unknown = { id: "apr_doesnotexist", hash: replay.hash };

    const chatRow = await recordProposal(tdb.db, {
      approvalId: "aitxt-chat-left-behind",
      auth: admin,
      chatId: "chat_left_behind_1",
      toolCallId: "call_left_1",
      toolName: "updateUserMetadata",
      args: { user_id: memberId, public_metadata: { plan: "other-admin" } },
      target: { type: "user", id: memberId },
      snapshot: await actions.updateUserMetadata.snapshot({ user_id: memberId }, fx.ctx),
      preview: null,
    });

    await tdb.db
      .update(approvals)
      .set({ args: { user_id: memberId, public_metadata: { plan: "tampered", role: "admin" } } })
      .where(eq(approvals.id, tampered.id));
    await tdb.db
      .update(approvals)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(approvals.id, expired.id));
    await fx.ctx.clerk.users.updateUserMetadata(memberId, { publicMetadata: { touched: Date.now() } });
    await fx.ctx.clerk.users.updateUserMetadata(admin2.userId, { publicMetadata: { role: "viewer" } });
    expect(
      (
        await decideInboxItems(deps, admin, [
          { approvalId: denied.id, approved: false, argsHash: denied.hash, reason: "no" },
        ])
      )[0],
    ).toMatchObject({ ok: true, status: "denied" });
    const [denyAudit] = await tdb.db.select().from(auditLog).where(eq(auditLog.approvalId, denied.id));
    expect(denyAudit).toMatchObject({ action: "denyApproval", actorUserId: admin.userId, outcome: "ok" });
    await settle();
    const mark = fx.mark();

    const results = await decideInboxItems(deps, admin, [
      { approvalId: replay.id, approved: true, argsHash: replay.hash },
      { approvalId: tampered.id, approved: true, argsHash: tampered.hash },
      { approvalId: wrongHash.id, approved: true, argsHash: replay.hash },
      { approvalId: expired.id, approved: true, argsHash: expired.hash },
      { approvalId: stale.id, approved: true, argsHash: stale.hash },
      { approvalId: denied.id, approved: true, argsHash: denied.hash },
      { approvalId: fromAdmin2.id, approved: true, argsHash: fromAdmin2.hash },
      { approvalId: unknown.id, approved: true, argsHash: unknown.hash },
    ]);
    const viewerTry = await decideInboxItems(deps, viewer, [
      { approvalId: byViewer.id, approved: true, argsHash: byViewer.hash },
    ]);
    const otherAdminChat = await decideInboxItems(deps, admin2, [
      { approvalId: chatRow.id, approved: true, argsHash: chatRow.argsHash },
    ]);
    const codes = [...results, ...viewerTry, ...otherAdminChat].map((r) => (r.ok ? "ok" : r.code));
    expect(codes).toEqual([
      "already_decided",
      "args_mismatch",
      "args_mismatch",
      "expired",
      "stale_target",
      "already_decided",
      "forbidden",
      "not_found",
      "forbidden",
      "not_found",
    ]);
    // Revoking the proposing token cancels what is still pending.
    const orphan = await proposePlan(client, "orphan");
    const [proposeRow] = await tdb.db.select().from(accessTokens).where(eq(accessTokens.name, "propose"));
    expect(await cancelTokenProposals(tdb.db, proposeRow?.id ?? "")).toBeGreaterThan(0);
    expect(
      (
        await decideInboxItems(deps, admin, [
          { approvalId: orphan.id, approved: true, argsHash: orphan.hash },
        ])
      )[0],
    ).toMatchObject({ ok: false, code: "already_decided" });

    await settle();
    expect(writesSince(mark)).toEqual([]);
    const status = structured(
      await client.callTool({ name: APPROVAL_STATUS_TOOL, arguments: { approval_id: denied.id } }),
    );
    expect(status.status).toBe("denied");
    // The admin2 proposal cannot be read through another owner's token.
    const foreign = await client.callTool({
      name: APPROVAL_STATUS_TOOL,
      arguments: { approval_id: fromAdmin2.id },
    });
    expect(foreign.isError).toBe(true);
    expect(admin2TokenId).toMatch(/^pat_/);
  });
});
