import { createClerkToolkit } from "@clerk/agent-toolkit/ai-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "./index";

let h: LocalClerkHandle;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 30 });
});
afterAll(() => h.stop());

// biome-ignore lint/suspicious/noExplicitAny: the toolkit's tools return raw Clerk JSON
type Json = Record<string, any>;
type Exec = { execute?: (input: Json, options: Json) => Promise<unknown> };
const run = async (tool: unknown, input: Json) =>
  (await (tool as Exec).execute?.(input, { toolCallId: "t", messages: [] })) as Json;

/** Clerk's own agent toolkit, unmodified, with a Clerk client pointed at Local Clerk. */
describe("@clerk/agent-toolkit organization tools against Local Clerk", () => {
  it("creates an organization, adds a member, invites, and cleans up", async () => {
    const admin = h.state.findUserByEmail("admin@example.com")!;
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    const toolkit = await createClerkToolkit({
      clerkClient: sdk(h),
      authContext: { userId: admin.id, sessionId: "sess_agent", sessionClaims: null } as never,
    });
    const tools = toolkit.organizations();

    // The session user becomes created_by (the toolkit fills it from authContext).
    const org = await run(tools.createOrganization, {
      name: "Agent Made Co",
      publicMetadata: { source: "agent" },
    });
    expect(org).toMatchObject({ object: "organization", slug: "agent-made-co", created_by: admin.id });
    expect(org).not.toHaveProperty("private_metadata");

    // createOrganizationMembership takes userId from authContext when set, so use a toolkit without one.
    const plain = (await createClerkToolkit({ clerkClient: sdk(h) })).organizations();
    const membership = await run(plain.createOrganizationMembership, {
      organizationId: org.id,
      userId: viewer.id,
      role: "org:member",
    });
    expect(membership).toMatchObject({ object: "organization_membership", role: "org:member" });
    expect(membership.public_user_data.user_id).toBe(viewer.id);

    const invitation = await run(tools.createOrganizationInvitation, {
      organizationId: org.id,
      emailAddress: "agent.invitee@example.org",
      role: "org:member",
    });
    expect(invitation).toMatchObject({
      object: "organization_invitation",
      status: "pending",
      inviter_id: admin.id,
    });

    const meta = await run(tools.updateOrganizationMetadata, {
      organizationId: org.id,
      publicMetadata: { tier: 2 },
    });
    expect(meta.public_metadata).toEqual({ source: "agent", tier: 2 });
    const got = await run(tools.getOrganization, { organizationId: org.id, includeMembersCount: true });
    expect(got.members_count).toBe(2);
    const revoked = await run(tools.revokeOrganizationInvitation, {
      organizationId: org.id,
      invitationId: invitation.id,
    });
    expect(revoked.status).toBe("revoked");
    await run(plain.deleteOrganizationMembership, { organizationId: org.id, userId: viewer.id });
    expect(h.state.organizations.memberships.count(org.id)).toBe(1);
    // The SDK turns Clerk's deleted object into a DeletedObject without `raw`, so the tool returns nothing.
    await run(tools.deleteOrganization, { organizationId: org.id });
    expect(h.state.organizations.orgs.get(org.id)).toBeUndefined();
  });

  it("surfaces Clerk's error from Local Clerk when a tool is asked for an unknown role", async () => {
    const tools = (await createClerkToolkit({ clerkClient: sdk(h) })).organizations();
    const org = await run(tools.createOrganization, { name: "Role Check" });
    const viewer = h.state.findUserByEmail("viewer@example.com")!;
    await expect(
      run(tools.createOrganizationMembership, { organizationId: org.id, userId: viewer.id, role: "admin" }),
    ).rejects.toMatchObject({ status: 404, errors: [{ code: "resource_not_found" }] });
  });
});
