import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "@/lib/agent/redact";
import { decideInboxItems, listInbox } from "@/lib/approvals/inbox";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup, type OwnerLookup } from "@/lib/auth/token-auth";
import type { ActionName } from "@/lib/clerk/registry";
import { approvals, auditLog } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { getJob } from "@/lib/jobs/store";
import { APPROVAL_STATUS_TOOL, createMcpServer } from "@/lib/mcp/server";
import { createAccessToken, revokeAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { bulkProposerFor } from "@/test/support/jobs";
import { buildAgentManifest } from "./manifest";
import { createRestApi, type RestApi, type RestDeps } from "./rest";
import { QUERY_ROUTES } from "./routes";
import {
  approvalStatusJsonSchema,
  errorJsonSchema,
  outputJsonSchema,
  pendingApprovalJsonSchema,
} from "./schemas";

const ORIGIN = "http://console.test";
let fx: ClerkFixture;
let tdb: TestDatabase;
let api: RestApi;
let lookupOwner: OwnerLookup;
let admin: Actor;
let memberId: string;
let restoreLog: () => void;
const tokens = { propose: "", read: "", viewer: "", revoked: "", expired: "" };

const deps = (): RestDeps => ({
  db: tdb.db,
  ctx: fx.ctx,
  lookupOwner,
  allowPrivateMetadata: false,
  proposeBulkJob: bulkProposerFor(tdb.db, fx.ctx),
});

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
function conforms(schema: Record<string, unknown>, value: unknown): void {
  const validate = ajv.compile(schema);
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
}

const route = (action: ActionName) => {
  const r = QUERY_ROUTES.find((q) => q.action === action);
  if (!r) throw new Error(`no GET route for ${action}`);
  return r;
};
const req = (path: string, token: string | null, init: RequestInit = {}) =>
  new Request(`${ORIGIN}${path}`, {
    ...init,
    headers: {
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
  });
const post = (name: string, token: string | null, body: unknown) =>
  api.callAction(name, req(`/api/v1/actions/${name}`, token, { method: "POST", body: JSON.stringify(body) }));
/** Authentication resolves the token owner's current role (GET /v1/users/{owner}); anything else counts. */
const owners = new Set<string>();
const beyondOwnerLookup = (seq: number) =>
  fx.requestsSince(seq).filter((e) => !(e.method === "GET" && owners.has(e.path.replace("/v1/users/", ""))));
const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");
const plan = async () => (await fx.ctx.clerk.users.getUser(memberId)).publicMetadata.plan;

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 20 }), createTestDatabase("pglite")]);
  const id = (email: string) => fx.userIdByEmail(email);
  admin = { userId: id("admin@example.com"), email: "admin@example.com", role: "admin" };
  const viewer: Actor = { userId: id("viewer@example.com"), email: "viewer@example.com", role: "viewer" };
  memberId = id("member@example.com");
  owners.add(admin.userId).add(viewer.userId);
  await fx.ctx.clerk.users.updateUserMetadata(memberId, { privateMetadata: { secret: "s3cr3t" } });
  lookupOwner = clerkOwnerLookup((uid) => fx.ctx.clerk.users.getUser(uid), { ttlMs: 0 });
  const make = (who: Actor, scope: "read" | "read+propose", name: string) =>
    createAccessToken(tdb.db, who, { name, scope, expiresInDays: 1 });
  tokens.propose = (await make(admin, "read+propose", "rest propose")).token;
  tokens.read = (await make(admin, "read", "rest read")).token;
  tokens.viewer = (await make(viewer, "read", "rest viewer")).token;
  const revoked = await make(admin, "read+propose", "rest revoked");
  await revokeAccessToken(tdb.db, admin, revoked.view.id);
  tokens.revoked = revoked.token;
  const longAgo = new Date(Date.now() - 3 * 86_400_000);
  tokens.expired = (
    await createAccessToken(
      tdb.db,
      admin,
      { name: "rest expired", scope: "read+propose", expiresInDays: 1 },
      longAgo,
    )
  ).token;
  api = createRestApi(async () => deps());
});

afterAll(async () => {
  restoreLog?.();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

describe("REST authentication", () => {
  it("401 with a Bearer challenge without, with a malformed, unknown, revoked or expired token", async () => {
    const mark = fx.mark();
    const bad = [
      null,
      "nope",
      "cac_0000000000000000000000000000000000000000",
      tokens.revoked,
      tokens.expired,
    ];
    for (const token of bad) {
      for (const res of [
        await api.query(route("listUsers"), req("/api/v1/users", token), {}),
        await post("updateUserMetadata", token, { user_id: memberId, public_metadata: { plan: "x" } }),
        await api.approvalStatus("apr_x", req("/api/v1/approvals/apr_x", token)),
      ]) {
        expect(res.status, String(token)).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
        conforms(errorJsonSchema(), await res.json());
      }
    }
    await settle();
    expect(fx.requestsSince(mark)).toEqual([]);
  });

  it("403 for a read-scoped token calling a write: nothing proposed, nothing sent to Clerk", async () => {
    const mark = fx.mark();
    for (const token of [tokens.read, tokens.viewer]) {
      const res = await post("banUser", token, { user_id: memberId });
      expect(res.status).toBe(403);
      expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      expect((await res.json()).error.code).toBe("forbidden");
    }
    await settle();
    expect(beyondOwnerLookup(mark)).toEqual([]);
    expect(await tdb.db.select().from(approvals).where(eq(approvals.toolName, "banUser"))).toEqual([]);
  });
});

describe("REST reads", () => {
  it("GET routes return the compact projection with private metadata redacted, matching the output schemas", async () => {
    const user = await api.query(route("getUser"), req(`/api/v1/users/${memberId}`, tokens.viewer), {
      user_id: memberId,
    });
    expect(user.status).toBe(200);
    const body = await user.json();
    expect(body.id).toBe(memberId);
    expect(body.private_metadata).toBe(REDACTED);
    expect(JSON.stringify(body)).not.toContain("s3cr3t");
    conforms(outputJsonSchema("getUser"), body);

    const list = await api.query(
      route("listUsers"),
      req(
        "/api/v1/users?email_address=member@example.com&email_address=admin@example.com&limit=5",
        tokens.read,
      ),
      {},
    );
    const listed = await list.json();
    expect(listed.total_count).toBe(2);
    expect(listed.users.map((u: { id: string }) => u.id)).toContain(memberId);
    expect(JSON.stringify(listed)).not.toContain("s3cr3t");
    conforms(outputJsonSchema("listUsers"), listed);

    const count = await (
      await api.query(route("countUsers"), req("/api/v1/users/count", tokens.read), {})
    ).json();
    expect(count.total_count).toBe(fx.lc.state.users.count({}));
    conforms(outputJsonSchema("countUsers"), count);

    const sessions = await api.query(
      route("listSessions"),
      req(`/api/v1/users/${memberId}/sessions?limit=3`, tokens.read),
      { user_id: memberId },
    );
    expect(sessions.status).toBe(200);
    conforms(outputJsonSchema("listSessions"), await sessions.json());

    const invitations = await api.query(
      route("listInvitations"),
      req("/api/v1/invitations?status=revoked&limit=2", tokens.read),
      {},
    );
    const inv = await invitations.json();
    expect(inv.invitations.every((i: { status: string }) => i.status === "revoked")).toBe(true);
    conforms(outputJsonSchema("listInvitations"), inv);
  });

  it("POST /actions/{read} runs the read; bad input gets 422 with field errors, unknown actions 404, bad JSON 400", async () => {
    const res = await post("getUser", tokens.read, { user_id: memberId });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(memberId);

    const badQuery = await api.query(
      route("listUsers"),
      req("/api/v1/users?limit=abc&colour=red", tokens.read),
      {},
    );
    expect(badQuery.status).toBe(422);
    const err = (await badQuery.json()).error;
    expect(Object.keys(err.fieldErrors ?? {}).join(" ")).toMatch(/limit/);

    const badBody = await post("getUser", tokens.read, { user_id: "not-a-clerk-id" });
    expect(badBody.status).toBe(422);
    expect((await badBody.json()).error.fieldErrors.user_id).toBeDefined();

    const missing = await api.query(
      route("getUser"),
      req("/api/v1/users/user_2doesNotExist0000", tokens.read),
      {
        user_id: "user_2doesNotExist0000",
      },
    );
    expect(missing.status).toBe(404);

    expect((await post("dropDatabase", tokens.propose, {})).status).toBe(404);
    const notJson = await api.callAction(
      "getUser",
      req("/api/v1/actions/getUser", tokens.read, { method: "POST", body: "{oops" }),
    );
    expect(notJson.status).toBe(400);
    expect((await post("getUser", tokens.read, [memberId])).status).toBe(400);
  });
});

describe("REST writes go through the approvals inbox", () => {
  it("202 + approval id; nothing reaches Clerk until an admin approves; the poll then shows executed", async () => {
    const mark = fx.mark();
    const res = await post("updateUserMetadata", tokens.propose, {
      user_id: memberId,
      public_metadata: { plan: "rest-pro" },
      private_metadata: { note: "from rest" },
    });
    expect(res.status).toBe(202);
    const pending = await res.json();
    conforms(pendingApprovalJsonSchema(), pending);
    expect(pending).toMatchObject({ status: "pending_approval", tool: "updateUserMetadata" });
    expect(res.headers.get("location")).toBe(`/api/v1/approvals/${pending.approval_id}`);
    expect(JSON.stringify(pending)).not.toContain("s3cr3t");
    expect(pending.arguments.private_metadata).toBe(REDACTED);
    await settle();
    expect(writesSince(mark)).toEqual([]);
    expect(await plan()).not.toBe("rest-pro");

    const poll = async (token = tokens.read) =>
      api.approvalStatus(pending.approval_id, req(`/api/v1/approvals/${pending.approval_id}`, token));
    const waiting = await (await poll()).json();
    expect(waiting.status).toBe("pending");
    conforms(approvalStatusJsonSchema(), waiting);
    expect((await poll(tokens.viewer)).status).toBe(404);

    const item = (await listInbox(tdb.db, admin.userId, (n) => n)).find(
      (i) => i.card.approvalId === pending.approval_id,
    );
    expect(item?.source).toBe("rest");
    if (!item) throw new Error("not in the inbox");

    const [tampered] = await decideInboxItems(deps(), admin, [
      { approvalId: pending.approval_id, approved: true, argsHash: "0".repeat(64) },
    ]);
    expect(tampered).toMatchObject({ ok: false, code: "args_mismatch" });
    await settle();
    expect(writesSince(mark)).toEqual([]);

    const [approved] = await decideInboxItems(deps(), admin, [
      { approvalId: pending.approval_id, approved: true, argsHash: item.argsHash },
    ]);
    expect(approved).toMatchObject({ ok: true, status: "executed" });
    await settle();
    expect(writesSince(mark)).toHaveLength(1);
    expect(await plan()).toBe("rest-pro");

    const [replay] = await decideInboxItems(deps(), admin, [
      { approvalId: pending.approval_id, approved: true, argsHash: item.argsHash },
    ]);
    expect(replay).toMatchObject({ ok: false, code: "already_decided" });
    await settle();
    expect(writesSince(mark)).toHaveLength(1);

    const done = await (await poll()).json();
    expect(done).toMatchObject({ status: "executed", outcome: "ok" });
    conforms(approvalStatusJsonSchema(), done);
    conforms(outputJsonSchema("updateUserMetadata"), done.result);
    expect(done.result.public_metadata.plan).toBe("rest-pro");
    expect(JSON.stringify(done)).not.toContain("s3cr3t");
    const [audit] = await tdb.db.select().from(auditLog).where(eq(auditLog.approvalId, pending.approval_id));
    expect(audit).toMatchObject({ source: "rest", actorUserId: admin.userId, outcome: "ok" });
  });

  it("invalid write input is refused with 422 before anything is proposed or read", async () => {
    const mark = fx.mark();
    const res = await post("updateUserMetadata", tokens.propose, { user_id: memberId });
    expect(res.status).toBe(422);
    await settle();
    expect(beyondOwnerLookup(mark)).toEqual([]);
  });
});

describe("REST bulk jobs", () => {
  it("proposeBulkJob: 403 for a read token, 202 + approval id for a propose token, nothing written, the poll shows the job", async () => {
    const ids = [...fx.lc.state.users.all()].slice(-3).map((u) => u.id);
    const body = { action: "updateUserMetadata", user_ids: ids, public_metadata: { plan: "rest-bulk" } };
    const mark = fx.mark();
    expect((await post("proposeBulkJob", tokens.read, body)).status).toBe(403);
    await settle();
    expect(beyondOwnerLookup(mark)).toEqual([]);
    expect((await post("proposeBulkJob", tokens.propose, { action: "updateUserMetadata" })).status).toBe(422);

    const res = await post("proposeBulkJob", tokens.propose, body);
    expect(res.status).toBe(202);
    const pending = await res.json();
    conforms(pendingApprovalJsonSchema(), pending);
    expect(pending).toMatchObject({ tool: "proposeBulkJob", job: { targets: 3, excluded: 0 } });
    expect(res.headers.get("location")).toBe(`/api/v1/approvals/${pending.approval_id}`);
    expect(await getJob(tdb.db, pending.job.job_id)).toMatchObject({
      status: "awaiting_approval",
      source: "rest",
    });
    const poll = await api.approvalStatus(
      pending.approval_id,
      req(`/api/v1/approvals/${pending.approval_id}`, tokens.read),
    );
    const view = await poll.json();
    conforms(approvalStatusJsonSchema(), view);
    expect(view).toMatchObject({ status: "pending", job: { status: "awaiting_approval", pending: 3 } });
    await settle();
    expect(writesSince(mark)).toEqual([]);
  });
});

describe("discovery matches the MCP server", () => {
  it("the manifest lists exactly the tools MCP tools/list offers (bar the approval poll), with the same input schemas", async () => {
    const server = createMcpServer(
      { ...deps() },
      {
        tokenId: "t",
        tokenName: "t",
        scope: "read+propose",
        userId: admin.userId,
        email: null,
        role: "admin",
      },
    );
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: "discovery-test", version: "1.0.0" });
    await client.connect(clientSide);
    try {
      const { tools } = await client.listTools();
      const manifest = buildAgentManifest({ origin: ORIGIN });
      expect(tools.map((t) => t.name).sort()).toEqual(
        [...manifest.actions.map((a) => a.name), APPROVAL_STATUS_TOOL].sort(),
      );
      for (const entry of manifest.actions) {
        const tool = tools.find((t) => t.name === entry.name);
        const { $schema: _, ...listed } = (tool?.inputSchema ?? {}) as Record<string, unknown>;
        expect(listed, entry.name).toEqual(entry.input_schema);
        expect(tool?.annotations?.readOnlyHint).toBe(entry.kind === "read");
      }
    } finally {
      await client.close();
      await server.close();
    }
  });
});
