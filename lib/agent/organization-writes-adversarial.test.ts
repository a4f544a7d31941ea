import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import type { ActionContext, WriteAction } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { sendChat, startChatFixture } from "@/test/support/agent/chat-fixture";
import { lastIsToolResult, lastUserText, scriptedModel } from "@/test/support/agent/scripted-model";
import { approvalIdsOf, readUIChunks } from "@/test/support/agent/ui-stream";
import { ORGANIZATION_WRITES } from "@/test/support/attacked-writes";
import type { TestDatabase } from "@/test/support/db";

// Every organization write in the registry, proposed in the chat and then attacked: forged, replayed,
// cross-chat, other-admin, viewer, expired, denied-then-approved and edited approvals. None may reach
// Local Clerk (counted in its own request log and state); the one honest approval writes exactly once.

let lc: LocalClerkHandle;
let tdb: TestDatabase;
let ctx: ActionContext;
let adminA: Actor;
let adminB: Actor;
let n = 0;
let restoreLog: () => void;

const ORG_WRITES = ORGANIZATION_WRITES;
const pending = new Map<string, { toolName: string; input: Record<string, unknown> }>();

const model = scriptedModel((prompt) => {
  if (lastIsToolResult(prompt)) return { text: "ok" };
  const next = pending.get(lastUserText(prompt).trim());
  return next ? { calls: [next] } : { text: "hello" };
});

beforeAll(async () => {
  restoreLog = setLogSink(() => {});
  ({ lc, tdb, ctx } = await startChatFixture(10));
  adminA = { userId: "user_admin_a", email: "a@example.com", role: "admin" };
  adminB = { userId: "user_admin_b", email: "b@example.com", role: "admin" };
}, 120_000);
afterAll(async () => {
  restoreLog?.();
  await Promise.all([lc?.stop(), tdb?.destroy()]);
});

/** A fresh target each time (created directly through the SDK, not through an action). */
async function inputFor(action: WriteAction): Promise<Record<string, unknown>> {
  n += 1;
  const clerk = ctx.clerk;
  const email = `adv-${Date.now()}-${n}@example.com`;
  if (action.name === "createOrganization") return { name: `Adv ${n}`, slug: `adv-${Date.now()}-${n}` };
  const admin = lc.state.users.findByEmail("admin@example.com")?.id;
  const org = await clerk.organizations.createOrganization({
    name: `Adv ${n}`,
    slug: `adv-${Date.now()}-${n}`,
    createdBy: admin,
  });
  const organization_id = org.id;
  if (action.name === "updateOrganization") return { organization_id, name: `Renamed ${n}` };
  if (action.name === "updateOrganizationMetadata")
    return { organization_id, public_metadata: { plan: "pro" } };
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

async function send(body: unknown, auth: Actor = adminA, now?: () => Date) {
  const res = await sendChat({
    auth,
    body,
    db: tdb.db,
    ctx,
    model,
    modelInfo: { id: "scripted", label: "scripted", kind: "offline" },
    ttlSeconds: 600,
    ...(now ? { now } : {}),
  });
  const chunks = res.headers.get("content-type")?.includes("text/event-stream")
    ? await readUIChunks(res)
    : [];
  if (chunks.length === 0) await res.text().catch(() => "");
  return { status: res.status, chunks };
}

async function propose(action: WriteAction, input: Record<string, unknown>) {
  const text = `run ${action.name} #${++n}`;
  pending.set(text, { toolName: action.name, input });
  const chatId = `adv_org_${n}`;
  const r = await send({ chatId, message: { text } });
  expect(r.status).toBe(200);
  const [approvalId = ""] = approvalIdsOf(r.chunks);
  expect(approvalId).not.toBe("");
  return { chatId, approvalId };
}

const clerkWrites = () => lc.requestLog.list().filter((e) => e.method !== "GET").length;

describe("hostile approvals of organization writes", () => {
  it("covers every organization write in the registry", () => {
    expect(ORG_WRITES.map((a) => a.name).sort()).toEqual(
      [
        "addOrganizationMember",
        "createOrganization",
        "createOrganizationInvitation",
        "deleteOrganization",
        "removeOrganizationMember",
        "revokeOrganizationInvitation",
        "updateOrganization",
        "updateOrganizationMemberRole",
        "updateOrganizationMetadata",
      ].sort(),
    );
  });

  it.each(ORG_WRITES.map((a) => [a.name, a] as const))(
    "%s: 0 writes from forged, replayed, cross-chat, other-admin, viewer, expired, denied and edited approvals; 1 from the honest one",
    async (_name, action) => {
      const input = await inputFor(action);
      const { chatId, approvalId } = await propose(action, input);
      const other = await propose(action, await inputFor(action));
      const before = clerkWrites();
      const statuses: number[] = [];
      const hit = async (body: unknown, auth?: Actor, now?: () => Date) =>
        statuses.push((await send(body, auth, now)).status);
      const approve = [{ approvalId, approved: true }];

      await hit({ chatId, approvals: [{ approvalId: `${approvalId}x`, approved: true }] });
      await hit({ chatId, approvals: [{ approvalId: "__proto__", approved: true }] });
      await hit({ chatId, approvals: approve }, adminB);
      await hit({ chatId, approvals: approve }, { ...adminA, role: "viewer" });
      await hit({ chatId, approvals: approve }, { ...adminA, role: "none" });
      await hit({ chatId: other.chatId, approvals: approve });
      await hit({ chatId: `adv_missing_${n}`, approvals: approve });
      await hit({
        chatId,
        approvals: [{ approvalId, approved: true, input: { ...input, role: "org:admin" } }],
      });
      for (const status of statuses)
        expect(status, `${action.name}: ${statuses.join(",")}`).toBeGreaterThanOrEqual(400);
      expect(clerkWrites()).toBe(before);

      // The other chat's own proposal: two answers at once are refused; past its expiry, so is an approval, then and later.
      const both = await send({
        chatId: other.chatId,
        approvals: [
          { approvalId: other.approvalId, approved: false },
          { approvalId: other.approvalId, approved: true },
        ],
      });
      expect(both.status).toBeGreaterThanOrEqual(400);
      const later = () => new Date(Date.now() + 601_000);
      const expired = await send(
        { chatId: other.chatId, approvals: [{ approvalId: other.approvalId, approved: true }] },
        adminA,
        later,
      );
      expect(expired.status).toBeGreaterThanOrEqual(400);
      const late = await send({
        chatId: other.chatId,
        approvals: [{ approvalId: other.approvalId, approved: true }],
      });
      expect(late.status).toBeGreaterThanOrEqual(400);
      expect(clerkWrites()).toBe(before);

      // Positive control: the honest approval writes once; replaying it writes nothing more.
      const ok = await send({ chatId, approvals: approve });
      expect(ok.status).toBe(200);
      expect(clerkWrites()).toBe(before + 1);
      const replay = await send({ chatId, approvals: approve });
      expect(replay.status).toBeGreaterThanOrEqual(400);
      expect(clerkWrites()).toBe(before + 1);
    },
    60_000,
  );
});
