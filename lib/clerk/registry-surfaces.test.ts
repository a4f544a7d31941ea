// Adding an action is one file in lib/clerk/actions + its registry line: this enumerates the registry
// and proves every action reaches every surface (chat tools, MCP tools/list, REST + OpenAPI, the agent
// manifest) with the same input schema, and that every write, from every surface, runs through the
// write executor: one audit intent with its outcome and one Clerk write per call, the approval pointing
// at it. Real Local Clerk, real @clerk/backend client, real store, MCP over HTTP with the SDK client.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Schema } from "ai";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { type WriteAction, withoutSecrets } from "@/lib/clerk/define-action";
import { approvals, chatMessages } from "@/lib/db/schema";

process.env.LOG_LEVEL = "silent";

const { startClerkFixture } = await import("@/test/support/clerk-fixture");
const { useProcessTestStore } = await import("@/test/support/db");
const { serveWebHandler } = await import("@/test/support/mcp-node-server");
const { sendChat } = await import("@/test/support/agent/chat-fixture");
const { lastIsToolResult, scriptedModel } = await import("@/test/support/agent/scripted-model");
const { approvalIdsOf, readUIChunks } = await import("@/test/support/agent/ui-stream");
const { buildAgentTools } = await import("@/lib/agent/tools");
const { buildAgentManifest } = await import("@/lib/api/manifest");
const { buildOpenApiDocument } = await import("@/lib/api/openapi");
const { createRestApi } = await import("@/lib/api/rest");
const { actionPath } = await import("@/lib/api/routes");
const { inputJsonSchema } = await import("@/lib/api/schemas");
const { deleteConfirmationText } = await import("@/lib/clerk/delete-confirmation");
const { decideInboxItems } = await import("@/lib/approvals/inbox");
const { listAudit } = await import("@/lib/audit/audit");
const { clerkOwnerLookup } = await import("@/lib/auth/token-auth");
const { auditedWrite } = await import("@/lib/console/audited-write");
const { BULK_JOB_TOOL, bulkJobTool } = await import("@/lib/jobs/bulk-tool");
const { createMcpHandler } = await import("@/lib/mcp/handler");
const { createAccessToken } = await import("@/lib/tokens/tokens");
const { bulkProposerFor } = await import("@/test/support/jobs");
const { actionList, writeActions } = await import("./registry");

const ORIGIN = "https://console.example.com";
type Fixture = Awaited<ReturnType<typeof startClerkFixture>>;
let fx: Fixture;
let store: Awaited<ReturnType<typeof useProcessTestStore>>;
let http: Awaited<ReturnType<typeof serveWebHandler>>;
let mcp: Client;
let token = "";
let admin: Actor;
let n = 0;

const deps = () => ({
  db: store.db,
  ctx: fx.ctx,
  lookupOwner: clerkOwnerLookup((uid) => fx.ctx.clerk.users.getUser(uid), { ttlMs: 0 }),
  allowPrivateMetadata: false,
  proposeBulkJob: bulkProposerFor(store.db, fx.ctx),
});

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 5 });
  process.env.CLERK_SECRET_KEY = "sk_live_local_clerk_0123456789abcdef0123456789abcdef";
  process.env.CLERK_API_URL = fx.lc.url;
  store = await useProcessTestStore("pglite");
  admin = { userId: fx.userIdByEmail("admin@example.com"), email: "admin@example.com", role: "admin" };
  token = (
    await createAccessToken(store.db, admin, { name: "surfaces", scope: "read+propose", expiresInDays: 1 })
  ).token;
  http = await serveWebHandler(createMcpHandler({ deps: async () => deps() }));
  mcp = new Client({ name: "surfaces-test", version: "1.0.0" });
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(`${http.url}/api/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
});

afterAll(async () => {
  await mcp?.close().catch(() => {});
  await http?.close();
  await store?.close();
  await fx?.stop();
});

const bare = (schema: unknown) => {
  const { $schema: _dialect, ...rest } = (schema ?? {}) as Record<string, unknown>;
  return rest;
};

describe("every registry action on every surface", () => {
  it("has the same input schema in chat (admin), MCP tools/list, REST/OpenAPI and the manifest", async () => {
    const chat = buildAgentTools({
      auth: { role: "admin" },
      ctx: fx.ctx,
      allowPrivateMetadata: false,
      writeGate: async () => null,
      proposeBulkJob: async () => {
        throw new Error("not called");
      },
    }).tools;
    const { tools } = await mcp.listTools();
    const manifest = buildAgentManifest({ origin: ORIGIN });
    const openapi = buildOpenApiDocument({ origin: ORIGIN }) as {
      paths: Record<
        string,
        { post?: { requestBody: { content: Record<string, { schema: { $ref: string } }> } } }
      >;
      components: { schemas: Record<string, unknown> };
    };
    for (const action of [...actionList, bulkJobTool]) {
      const expected = inputJsonSchema(action);
      const entry = manifest.actions.find((a) => a.name === action.name);
      expect(entry, action.name).toMatchObject({ kind: action.kind, input_schema: expected });
      expect(bare(tools.find((t) => t.name === action.name)?.inputSchema), action.name).toEqual(expected);
      const ref =
        openapi.paths[actionPath(action.name)]?.post?.requestBody.content["application/json"]?.schema.$ref;
      expect(openapi.components.schemas[String(ref).split("/").at(-1) ?? ""], action.name).toEqual(expected);
      const chatSchema = chat[action.name]?.inputSchema as Schema<unknown> | undefined;
      expect(chatSchema, action.name).toBeDefined();
      for (const [key, value] of Object.entries(expected)) {
        if (key !== "$schema")
          expect(bare(chatSchema?.jsonSchema)[key], `${action.name}.${key}`).toEqual(value);
      }
    }
    expect(chat[BULK_JOB_TOOL]).toBeDefined();
  });
});

/** A fresh organization (created directly, not through an action) for organization writes. */
async function orgInputFor(action: WriteAction, email: string): Promise<Record<string, unknown>> {
  const clerk = fx.ctx.clerk;
  if (action.name === "createOrganization") return { name: `Surf ${n}`, slug: `surf-${Date.now()}-${n++}` };
  const admin = fx.userIdByEmail("admin@example.com");
  const org = await clerk.organizations.createOrganization({
    name: `Surf ${n}`,
    slug: `surf-${Date.now()}-${n++}`,
    createdBy: admin,
  });
  const organization_id = org.id;
  if (action.name === "updateOrganization") return { organization_id, name: `Surf renamed ${n}` };
  if (action.name === "updateOrganizationMetadata")
    return { organization_id, public_metadata: { plan: `p${n}` } };
  if (action.name === "deleteOrganization") return { organization_id, confirm_slug: org.slug };
  if (action.name === "createOrganizationInvitation") return { organization_id, email, role: "org:member" };
  if (action.name === "revokeOrganizationInvitation") {
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: organization_id,
      emailAddress: email,
      role: "org:member",
    });
    return { organization_id, invitation_id: inv.id };
  }
  const user = await clerk.users.createUser({ emailAddress: [email] });
  if (action.name === "addOrganizationMember")
    return { organization_id, user_id: user.id, role: "org:member" };
  await clerk.organizations.createOrganizationMembership({
    organizationId: organization_id,
    userId: user.id,
    role: "org:member",
  });
  if (action.name === "updateOrganizationMemberRole")
    return { organization_id, user_id: user.id, role: "org:admin" };
  return { organization_id, user_id: user.id };
}

/** A fresh target for each write, so every call changes something. */
async function inputFor(action: WriteAction): Promise<Record<string, unknown>> {
  const email = `surf-${Date.now()}-${n++}@example.com`;
  if (/Organization/.test(action.name)) return orgInputFor(action, email);
  const access = /^(add|remove)(Allowlist|Blocklist)Identifier$/.exec(action.name);
  if (access) {
    if (access[1] === "add") return { identifier: email };
    const clerk = fx.ctx.clerk;
    const made =
      access[2] === "Allowlist"
        ? await clerk.allowlistIdentifiers.createAllowlistIdentifier({ identifier: email, notify: false })
        : await clerk.blocklistIdentifiers.createBlocklistIdentifier({ identifier: email });
    return { identifier_id: made.id };
  }
  if (action.name === "createInvitation") return { email, notify: false };
  if (action.name === "createUser") return { email, first_name: "Surf" };
  if (action.name === "revokeInvitation")
    return { invitation_id: (await fx.ctx.clerk.invitations.createInvitation({ emailAddress: email })).id };
  const user = await fx.ctx.clerk.users.createUser({ emailAddress: [email] });
  if (action.name === "revokeSession")
    return { session_id: (await fx.ctx.clerk.sessions.createSession({ userId: user.id })).id };
  if (action.name === "unbanUser") await fx.ctx.clerk.users.banUser(user.id);
  if (action.name === "unlockUser") await fx.ctx.clerk.users.lockUser(user.id);
  if (action.name === "updateUserMetadata") return { user_id: user.id, public_metadata: { plan: `p${n}` } };
  if (action.name === "updateUserProfile") return { user_id: user.id, first_name: `n${n}` };
  if (action.name === "setPassword") return { user_id: user.id, password: `pw-${n}-long-enough` };
  const idn = /^(add|verify|setPrimary|remove)(EmailAddress|PhoneNumber)$/.exec(action.name);
  if (idn) {
    const isEmail = idn[2] === "EmailAddress";
    const value = isEmail ? `extra-${n}-${email}` : `+4790${String(1_000_000 + n).slice(-6)}`;
    const key = isEmail ? "email_address" : "phone_number";
    if (idn[1] === "add") return { user_id: user.id, [key]: value };
    const params = { userId: user.id, verified: idn[1] !== "verify" };
    if (isEmail) await fx.ctx.clerk.emailAddresses.createEmailAddress({ ...params, emailAddress: value });
    else await fx.ctx.clerk.phoneNumbers.createPhoneNumber({ ...params, phoneNumber: value });
    // A primary phone needs another one to step down from; removing one needs it not to be primary.
    if (!isEmail && idn[1] !== "add")
      await fx.ctx.clerk.phoneNumbers.createPhoneNumber({
        userId: user.id,
        phoneNumber: `+4791${String(1_000_000 + n).slice(-6)}`,
        verified: true,
        primary: true,
      });
    return { user_id: user.id, [key]: value };
  }
  if (action.name === "impersonateUser") return { user_id: user.id, reason: "surface test" };
  if (action.name === "revokeImpersonation") {
    const made = (await auditedWrite(
      admin,
      writeActions.find((a) => a.name === "impersonateUser") as WriteAction,
      {
        user_id: user.id,
        reason: "surface test",
      },
    )) as { id: string };
    return { user_id: user.id, actor_token_id: made.id };
  }
  if (action.name === "revokeAllSessions") await fx.ctx.clerk.sessions.createSession({ userId: user.id });
  if (action.name === "disableMfa") await fx.ctx.clerk.users.updateUser(user.id, { totpSecret: TOTP_SECRET });
  if (action.name === "removeProfileImage") {
    const file = new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], "a.png", {
      type: "image/png",
    });
    await fx.ctx.clerk.users.updateUserProfileImage(user.id, { file });
  }
  return { user_id: user.id };
}

let nextCall: { toolName: string; input: unknown } | null = null;
const model = scriptedModel((prompt) => {
  if (lastIsToolResult(prompt) || !nextCall) return { text: "Done." };
  return { calls: [nextCall] };
});

/** What the approving admin types for a write that asks for it (a user's deletion names the user). */
async function typedConfirmation(action: WriteAction, input: Record<string, unknown>) {
  if (action.name !== "deleteUser") return {};
  const user = await fx.ctx.clerk.users.getUser(String(input.user_id));
  const email = user.emailAddresses.find((e) => e.id === user.primaryEmailAddressId)?.emailAddress;
  return { confirm: deleteConfirmationText(email, user.id) };
}

async function approveInbox(approvalId: string, typed: { confirm?: string }): Promise<void> {
  const [row] = await store.db.select().from(approvals).where(eq(approvals.id, approvalId));
  const [result] = await decideInboxItems(deps(), admin, [
    { approvalId, approved: true, argsHash: row?.argsHash ?? "", ...typed },
  ]);
  expect(result).toMatchObject({ ok: true, status: "executed" });
}

/** Runs one write from one surface; returns the approval it ran under (none for the console). */
const SURFACES: Record<
  string,
  (action: WriteAction, input: Record<string, unknown>) => Promise<string | null>
> = {
  console: async (action, input) => {
    await auditedWrite(admin, action, input);
    return null;
  },
  agent: async (action, input) => {
    const chatId = `chat_surf_${n++}`;
    nextCall = { toolName: action.name, input };
    const send = (body: unknown) =>
      sendChat({
        auth: admin,
        body,
        db: store.db,
        ctx: fx.ctx,
        model,
        modelInfo: { id: "scripted", label: "Scripted test model", kind: "offline" },
      }).then(readUIChunks);
    const [approvalId] = approvalIdsOf(await send({ chatId, message: { text: `run ${action.name}` } }));
    nextCall = null;
    const typed = await typedConfirmation(action, input);
    await send({ chatId, approvals: [{ approvalId, approved: true, ...typed }] });
    return approvalId ?? null;
  },
  mcp: async (action, input) => {
    const result = await mcp.callTool({ name: action.name, arguments: input });
    expect(result.isError ?? false).toBe(false);
    const approvalId = String((result.structuredContent as { approval_id: string }).approval_id);
    await approveInbox(approvalId, await typedConfirmation(action, input));
    return approvalId;
  },
  rest: async (action, input) => {
    const res = await createRestApi(async () => deps()).callAction(
      action.name,
      new Request(`${ORIGIN}${actionPath(action.name)}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(input),
      }),
    );
    expect(res.status).toBe(202);
    const approvalId = ((await res.json()) as { approval_id: string }).approval_id;
    await approveInbox(approvalId, await typedConfirmation(action, input));
    return approvalId;
  },
};

const TOTP_SECRET = "JBSWY3DPEHPK3PXP";
// A secret (a password in, a sign-in link out) stays in the console: chat, MCP and REST would store it.
const consoleOnly = (action: WriteAction) => action.name === "setPassword" || !!action.secretOutputs;

describe("every write from every surface runs through the write executor", () => {
  const cases = writeActions.flatMap((action) =>
    Object.keys(SURFACES)
      .filter((s) => s === "console" || !consoleOnly(action))
      .map((s) => [action.name, s, action] as const),
  );
  it.each(cases)(
    "%s from %s: one intent with its outcome, one Clerk write",
    async (_name, surface, action) => {
      const input = await inputFor(action);
      const before = (await listAudit({ action: action.name, limit: 1000 }, store.db)).rows.length;
      const mark = fx.mark();
      const approvalId = await SURFACES[surface]?.(action, input);
      await new Promise((r) => setTimeout(r, 50));
      const rows = (await listAudit({ action: action.name, limit: 1000 }, store.db)).rows;
      expect(rows).toHaveLength(before + 1);
      const [intent] = rows;
      expect(intent).toMatchObject({
        source: surface,
        outcome: "ok",
        arguments: withoutSecrets(action, input),
      });
      if (action.secretFields) expect(JSON.stringify(intent)).not.toContain(String(input.password));
      expect(intent?.after).not.toBeNull();
      expect(fx.requestsSince(mark).filter((e) => e.method !== "GET")).toHaveLength(1);
      if (approvalId) {
        const [approval] = await store.db.select().from(approvals).where(eq(approvals.id, approvalId));
        expect(approval).toMatchObject({ status: "executed", auditId: intent?.id });
        expect(intent?.approvalId).toBe(approvalId);
      }
    },
  );
});

describe("a secret (a password in, a sign-in link out) never leaves the console", () => {
  const cases = writeActions
    .filter(consoleOnly)
    .flatMap((a) => ["agent", "mcp", "rest"].map((s) => [a.name, s] as const));
  it.each(cases)("%s from %s is refused, stored nowhere, 0 writes", async (name, surface) => {
    const input = await inputFor(writeActions.find((a) => a.name === name) as WriteAction);
    const mark = fx.mark();
    const audits = (await listAudit({ action: name, limit: 1000 }, store.db)).rows.length;
    const secret = String(input.password ?? "no-secret-in-the-input");
    if (surface === "agent") {
      const chatId = `chat_secret_${n++}`;
      nextCall = { toolName: name, input };
      const chunks = await sendChat({
        auth: admin,
        body: { chatId, message: { text: "set a password" } },
        db: store.db,
        ctx: fx.ctx,
        model,
        modelInfo: { id: "scripted", label: "Scripted test model", kind: "offline" },
      }).then(readUIChunks);
      nextCall = null;
      // Denied before any card: the SDK's automatic denial is no approval a human could give.
      expect(chunks.filter((c) => c.type === "data-approval")).toHaveLength(0);
      expect(await store.db.select().from(approvals).where(eq(approvals.chatId, chatId))).toHaveLength(0);
      const stored = await store.db.select().from(chatMessages).where(eq(chatMessages.chatId, chatId));
      expect(stored.length).toBeGreaterThan(0);
      expect(JSON.stringify(stored.filter((m) => m.role !== "user"))).not.toContain(secret);
    } else if (surface === "mcp") {
      const result = await mcp.callTool({ name, arguments: input });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/console/);
    } else {
      const res = await createRestApi(async () => deps()).callAction(
        "setPassword",
        new Request(`${ORIGIN}${actionPath("setPassword")}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(input),
        }),
      );
      expect(res.status).toBe(422);
    }
    const rows = await store.db.select().from(approvals);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect((await listAudit({ action: name, limit: 1000 }, store.db)).rows).toHaveLength(audits);
    expect(fx.requestsSince(mark).filter((e) => e.method !== "GET")).toHaveLength(0);
  });
});
