import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertWebhookConforms, webhookValidator } from "@/test/support/clerk-webhook-spec";
import { raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import { LOCAL_WEBHOOK_SECRET } from "./app-env";
import { FapiTestClient } from "./fapi/test-client";
import type { LocalClerkHandle } from "./index";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
// biome-ignore lint/suspicious/noExplicitAny: raw webhook and FAPI JSON under test
type Json = Record<string, any>;
type Event = { type: string; object: string; data: Json };

let receiver: Server;
const received: Received[] = [];
let h: LocalClerkHandle;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  h = await startTestClerk({
    seedUsers: 30,
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    webhookRetryDelaysMs: [50],
  });
});
afterAll(async () => {
  await h.stop();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

async function eventsUntil(types: string[]): Promise<Event[]> {
  const end = Date.now() + 15_000;
  for (;;) {
    const events = received.map((r) => {
      new Webhook(LOCAL_WEBHOOK_SECRET).verify(r.body, r.headers as Record<string, string>);
      return JSON.parse(r.body) as Event;
    });
    if (types.every((t) => events.some((e) => e.type === t))) return events;
    if (Date.now() > end) {
      throw new Error(
        `missing webhooks: ${types.filter((t) => !events.some((e) => e.type === t)).join(", ")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("organization webhooks", () => {
  it("sends every organization, membership, invitation, role and permission event, Svix-signed and as Clerk's webhooks spec describes", async () => {
    const clerk = sdk(h);
    const admin = h.state.findUserByEmail("admin@example.com")!;
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const org = await clerk.organizations.createOrganization({ name: "Hooked Co", createdBy: admin.id });
    await clerk.organizations.updateOrganizationMetadata(org.id, { publicMetadata: { tier: "gold" } });
    await clerk.organizations.createOrganizationMembership({
      organizationId: org.id,
      userId: viewer.id,
      role: "org:member",
    });
    await clerk.organizations.updateOrganizationMembership({
      organizationId: org.id,
      userId: viewer.id,
      role: "org:admin",
    });
    await clerk.organizations.deleteOrganizationMembership({ organizationId: org.id, userId: viewer.id });
    const inv = await clerk.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: "hooked.invitee@example.org",
      role: "org:member",
      inviterUserId: admin.id,
    });
    await clerk.organizations.revokeOrganizationInvitation({ organizationId: org.id, invitationId: inv.id });
    // Accepted through FAPI by the invitee, like <OrganizationSwitcher/> does.
    await clerk.organizations.createOrganizationInvitation({
      organizationId: org.id,
      emailAddress: "viewer@example.com",
      role: "org:member",
    });
    const c = new FapiTestClient(h.url);
    const q = "?__clerk_api_version=2026-08-20";
    const signIn = await c.json<Json>("POST", `/v1/client/sign_ins${q}`, {
      identifier: "viewer@example.com",
      strategy: "password",
      password: "viewer-password-123",
    });
    const sid = signIn.body.response?.created_session_id as string;
    const mine = await c.json<Json>("GET", `/v1/me/organization_invitations${q}&_clerk_session_id=${sid}`);
    const pendingId = mine.body.response.data[0].id as string;
    const accepted = await c.json(
      "POST",
      `/v1/me/organization_invitations/${pendingId}/accept${q}&_clerk_session_id=${sid}`,
    );
    expect(accepted.status).toBe(200);

    const perm = await clerk.organizationPermissions.createOrganizationPermission({
      name: "Read reports",
      key: "org:reports:read",
      description: "See reports",
    });
    await clerk.organizationPermissions.updateOrganizationPermission({
      permissionId: perm.id,
      name: "Read all reports",
    });
    const role = await clerk.organizationRoles.createOrganizationRole({
      name: "Analyst",
      key: "org:analyst",
      description: "Reads reports",
      permissions: [perm.id],
    });
    await clerk.organizationRoles.updateOrganizationRole({
      organizationRoleId: role.id,
      name: "Senior analyst",
    });
    await clerk.organizationRoles.deleteOrganizationRole(role.id);
    await clerk.organizationPermissions.deleteOrganizationPermission(perm.id);
    await clerk.organizations.deleteOrganization(org.id);

    const types = [
      "organization.created",
      "organization.updated",
      "organization.deleted",
      "organizationMembership.created",
      "organizationMembership.updated",
      "organizationMembership.deleted",
      "organizationInvitation.created",
      "organizationInvitation.accepted",
      "organizationInvitation.revoked",
      "role.created",
      "role.updated",
      "role.deleted",
      "permission.created",
      "permission.updated",
      "permission.deleted",
    ];
    const events = (await eventsUntil(types)).filter((e) => types.includes(e.type));
    for (const e of events) assertWebhookConforms(e);

    const byType = (t: string) => events.filter((e) => e.type === t);
    expect(byType("organization.created")[0]?.data).toMatchObject({
      id: org.id,
      slug: "hooked-co",
      members_count: 1,
    });
    // The creator's membership follows the organization.
    expect(byType("organizationMembership.created").map((e) => e.data.public_user_data.user_id)).toEqual([
      admin.id,
      viewer.id,
      viewer.id,
    ]);
    expect(byType("organizationMembership.updated")[0]?.data.role).toBe("org:admin");
    expect(byType("organizationInvitation.revoked")[0]?.data).toMatchObject({
      id: inv.id,
      status: "revoked",
    });
    expect(byType("organizationInvitation.accepted")[0]?.data).toMatchObject({
      id: pendingId,
      status: "accepted",
      user_id: viewer.id,
    });
    expect(byType("organization.deleted")[0]?.data).toEqual({
      object: "organization",
      id: org.id,
      slug: "hooked-co",
      deleted: true,
    });
    expect(byType("role.created")[0]?.data.permissions[0].key).toBe("org:reports:read");
    expect(byType("permission.deleted")[0]?.data).toEqual({
      object: "permission",
      id: perm.id,
      deleted: true,
    });
    expect((await raw(h, "GET", "/__local_clerk/webhooks")).status).toBe(200);
  });

  it("the spec check rejects a payload that breaks the spec (so the test above can fail)", () => {
    const validate = webhookValidator("organizationMembership.created");
    const event = {
      object: "event",
      type: "organizationMembership.created",
      timestamp: 1,
      instance_id: "ins_1",
    };
    expect(validate({ ...event, data: { object: "organization_membership", id: "orgmem_1" } })).toBe(false);
    expect(() =>
      assertWebhookConforms({
        ...event,
        type: "organizationInvitation.revoked",
        data: { object: "organization_invitation", id: "x", unexpected: true },
      } as { type: string }),
    ).toThrow(/does not match/);
  });
});
