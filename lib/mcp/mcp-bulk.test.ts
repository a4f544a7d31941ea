import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelTokenProposals } from "@/lib/approvals/inbox";
import type { Actor } from "@/lib/auth/policy";
import { clerkOwnerLookup, type OwnerLookup } from "@/lib/auth/token-auth";
import { approvals, auditLog, bulkJobs } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { BULK_JOB_TOOL } from "@/lib/jobs/bulk-tool";
import { decideJob } from "@/lib/jobs/decide";
import { Pacer, paceFromEnv } from "@/lib/jobs/pacer";
import { getJob, listJobs, targetCounts } from "@/lib/jobs/store";
import { toJobView } from "@/lib/jobs/view";
import { createAccessToken } from "@/lib/tokens/tokens";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { InProcessJobs } from "@/test/support/job-driver";
import { bulkProposerFor } from "@/test/support/jobs";
import { serveWebHandler } from "@/test/support/mcp-node-server";
import { createMcpHandler } from "./handler";
import { APPROVAL_STATUS_TOOL, type McpDeps } from "./server";

// proposeBulkJob over MCP (SDK client, Streamable HTTP): a plan that waits in the approvals inbox,
// is approved there as one batch, runs, and is reported by get_approval_status.

let fx: ClerkFixture;
let tdb: TestDatabase;
let http: Awaited<ReturnType<typeof serveWebHandler>>;
let url: URL;
let admin: Actor;
let admin2: Actor;
let deps: McpDeps & { lookupOwner: OwnerLookup };
const tokens = { propose: "", read: "", revocable: "", revocableId: "" };
const clients: Client[] = [];
let restoreLog: () => void;

async function connect(token: string, elicit?: "decline"): Promise<Client> {
  const client = new Client(
    { name: "mcp-bulk-test", version: "1.0.0" },
    { capabilities: elicit ? { elicitation: { form: {} } } : {} },
  );
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "decline" }));
  await client.connect(
    new StreamableHTTPClientTransport(url, {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

type Structured = Record<string, unknown> & { job?: Record<string, unknown> };
const structured = (r: unknown) => (r as { structuredContent: Structured }).structuredContent;
const status = async (client: Client, id: string) =>
  structured(await client.callTool({ name: APPROVAL_STATUS_TOOL, arguments: { approval_id: id } }));
const writesSince = (seq: number) => fx.requestsSince(seq).filter((e) => e.method !== "GET");
const metadataOf = (id: string) => structuredClone(fx.lc.state.users.get(id)?.public_metadata ?? {});

/** Seeded users that are not the console's own accounts. */
function targets(n: number, skip = 0): string[] {
  const own = new Set(["admin@example.com", "viewer@example.com", "member@example.com"]);
  return [...fx.lc.state.users.all()]
    .filter((u) => !u.emails.some((e) => own.has(e.email_address)))
    .slice(skip, skip + n)
    .map((u) => u.id);
}

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 30 }), createTestDatabase("pglite")]);
  const id = (email: string) => fx.userIdByEmail(email);
  admin = { userId: id("admin@example.com"), email: "admin@example.com", role: "admin" };
  const second = await fx.ctx.clerk.users.createUser({
    emailAddress: ["admin2@example.com"],
    password: "admin2-password-123",
    publicMetadata: { role: "admin" },
  });
  admin2 = { userId: second.id, email: "admin2@example.com", role: "admin" };
  const make = (scope: "read" | "read+propose", name: string) =>
    createAccessToken(tdb.db, admin, { name, scope, expiresInDays: 1 });
  tokens.propose = (await make("read+propose", "bulk propose")).token;
  tokens.read = (await make("read", "bulk read-only")).token;
  const revocable = await make("read+propose", "bulk revocable");
  tokens.revocable = revocable.token;
  tokens.revocableId = revocable.view.id;

  deps = {
    db: tdb.db,
    ctx: fx.ctx,
    lookupOwner: clerkOwnerLookup((uid) => fx.ctx.clerk.users.getUser(uid), { ttlMs: 0 }),
    allowPrivateMetadata: false,
    proposeBulkJob: bulkProposerFor(tdb.db, fx.ctx),
  };
  http = await serveWebHandler(createMcpHandler({ deps: async () => deps }));
  url = new URL(`${http.url}/api/mcp`);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  restoreLog?.();
  await http?.close();
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

describe("proposeBulkJob over MCP", () => {
  it("plans a pending job that writes nothing; approved in the inbox and run, the status tool reports it completed", async () => {
    const ids = targets(5);
    const before = new Map(ids.map((id) => [id, metadataOf(id)]));
    const client = await connect(tokens.propose);
    const listed = (await client.listTools()).tools.find((t) => t.name === BULK_JOB_TOOL);
    expect(listed?.annotations?.readOnlyHint).toBe(false);

    const mark = fx.mark();
    const proposed = structured(
      await client.callTool({
        name: BULK_JOB_TOOL,
        arguments: { action: "updateUserMetadata", user_ids: ids, public_metadata: { plan: "bulk-mcp" } },
      }),
    );
    expect(proposed).toMatchObject({
      status: "pending_approval",
      tool: BULK_JOB_TOOL,
      job: { action: "updateUserMetadata", targets: 5, excluded: 0 },
    });
    const approvalId = String(proposed.approval_id);
    const jobId = String(proposed.job?.job_id);

    // Pending and not executed: planning only read; Local Clerk's state is as it was.
    await settle();
    expect(writesSince(mark)).toEqual([]);
    for (const id of ids) expect(metadataOf(id)).toEqual(before.get(id));
    const job = await getJob(tdb.db, jobId);
    expect(job).toMatchObject({ status: "awaiting_approval", source: "mcp", createdBy: admin.userId });
    const [approval] = await tdb.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(approval).toMatchObject({ status: "pending", source: "bulk", bulkJobId: jobId });
    const waiting = await status(client, approvalId);
    expect(waiting).toMatchObject({ status: "pending", job: { status: "awaiting_approval", pending: 5 } });
    expect(waiting.outcome).toBeUndefined();
    const worker = new InProcessJobs({
      db: tdb.db,
      clerk: fx.ctx.clerk,
      pacer: new Pacer(paceFromEnv({})),
      lookupOwner: deps.lookupOwner,
    });
    expect(await worker.drain()).toBe(0);

    // The inbox's plan card (components/jobs/pending-job-approvals) decides with the plan hash it shows.
    const card = (await listJobs(tdb.db)).find((j) => j.id === jobId && j.status === "awaiting_approval");
    if (!card) throw new Error("the job is not awaiting approval in the inbox");
    const planHash = toJobView(card, (await targetCounts(tdb.db, [jobId])).get(jobId)).planHash ?? "";
    const viewer = { userId: fx.userIdByEmail("viewer@example.com"), role: "viewer" as const };
    expect(
      await decideJob(tdb.db, {
        lookupOwner: deps.lookupOwner,
        jobId,
        approver: viewer,
        approved: true,
        planHash,
      }),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const tampered = await decideJob(tdb.db, {
      lookupOwner: deps.lookupOwner,
      jobId,
      approver: admin2,
      approved: true,
      planHash: "0".repeat(64),
    });
    expect(tampered.ok).toBe(false);
    expect(await worker.drain()).toBe(0);
    await settle();
    expect(writesSince(mark)).toEqual([]);

    // Any admin may approve a plan an MCP client proposed.
    expect(
      await decideJob(tdb.db, {
        lookupOwner: deps.lookupOwner,
        jobId,
        approver: admin2,
        approved: true,
        planHash,
      }),
    ).toMatchObject({
      ok: true,
    });
    expect(await status(client, approvalId)).toMatchObject({
      status: "executed",
      outcome: "pending",
      job: { status: "queued" },
    });
    expect(await worker.drain()).toBe(1);
    await settle();

    const done = await status(client, approvalId);
    expect(done).toMatchObject({
      status: "executed",
      outcome: "ok",
      job: { job_id: jobId, status: "completed", total: 5, ok: 5, error: 0, pending: 0, percent: 100 },
    });
    const writes = writesSince(mark);
    expect(writes.map((e) => `${e.method} ${e.path} ${e.status}`).sort()).toEqual(
      ids.map((id) => `PATCH /v1/users/${id}/metadata 200`).sort(),
    );
    for (const id of ids) expect(metadataOf(id)).toEqual({ ...before.get(id), plan: "bulk-mcp" });
    const audit = await tdb.db.select().from(auditLog).where(eq(auditLog.approvalId, approvalId));
    expect(audit.map((a) => a.targetId).sort()).toEqual([...ids].sort());
    for (const a of audit)
      expect(a).toMatchObject({ source: "bulk", actorUserId: admin.userId, approverUserId: admin2.userId });
  });

  it("refuses a read-only token: not listed, 403 over HTTP and in the session, nothing planned", async () => {
    const jobsBefore = (await tdb.db.select().from(bulkJobs)).length;
    const mark = fx.mark();
    const args = { action: "updateUserMetadata", user_ids: targets(2), public_metadata: { plan: "nope" } };
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json, text/event-stream",
        Authorization: `Bearer ${tokens.read}`,
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: BULK_JOB_TOOL, arguments: args },
      }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const client = await connect(tokens.read);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain(BULK_JOB_TOOL);
    await expect(client.callTool({ name: BULK_JOB_TOOL, arguments: args })).rejects.toMatchObject({
      code: 403,
    });
    await settle();
    // Only the token owner's role lookups reached Clerk: no planning reads, no writes.
    expect(fx.requestsSince(mark).filter((e) => e.path !== `/v1/users/${admin.userId}`)).toEqual([]);
    expect(await tdb.db.select().from(bulkJobs)).toHaveLength(jobsBefore);
  });

  it("a declined elicitation withdraws the plan; revoking the token cancels its pending plan", async () => {
    const args = { action: "updateUserMetadata", user_ids: targets(2, 5), public_metadata: { plan: "x" } };
    const declined = structured(
      await (await connect(tokens.propose, "decline")).callTool({ name: BULK_JOB_TOOL, arguments: args }),
    );
    expect(declined.status).toBe("withdrawn");
    expect((await getJob(tdb.db, String(declined.job?.job_id)))?.status).toBe("cancelled");

    const client = await connect(tokens.revocable);
    const pending = structured(await client.callTool({ name: BULK_JOB_TOOL, arguments: args }));
    const jobId = String(pending.job?.job_id);
    const job = await getJob(tdb.db, jobId);
    const planHash = toJobView(job as NonNullable<typeof job>, undefined).planHash ?? "";
    expect(await cancelTokenProposals(tdb.db, tokens.revocableId)).toBe(1);
    expect((await getJob(tdb.db, jobId))?.status).toBe("cancelled");
    const mark = fx.mark();
    expect(
      await decideJob(tdb.db, {
        lookupOwner: deps.lookupOwner,
        jobId,
        approver: admin,
        approved: true,
        planHash,
      }),
    ).toMatchObject({
      ok: false,
    });
    expect(await status(client, String(pending.approval_id))).toMatchObject({
      status: "expired",
      job: { status: "cancelled" },
    });
    await settle();
    expect(writesSince(mark)).toEqual([]);
  });
});
