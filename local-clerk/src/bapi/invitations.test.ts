import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertConforms, clerkErrorOf, raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let clerk: ReturnType<typeof sdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 100 });
  clerk = sdk(h);
});
afterAll(() => h.stop());

describe("invitations via the real @clerk/backend client", () => {
  it("creates an invitation with metadata, redirect and expiry", async () => {
    const inv = await clerk.invitations.createInvitation({
      emailAddress: "fresh.invitee@example.org",
      publicMetadata: { plan: "pro" },
      redirectUrl: "http://localhost:3000/welcome",
      notify: false,
      expiresInDays: 7,
    });
    expect(inv.id).toMatch(/^inv_/);
    expect(inv.emailAddress).toBe("fresh.invitee@example.org");
    expect(inv.status).toBe("pending");
    expect(inv.revoked).toBe(false);
    expect(inv.publicMetadata).toEqual({ plan: "pro" });
    expect(inv.url).toContain("redirect_url=http%3A%2F%2Flocalhost%3A3000%2Fwelcome");
    const rawInv = (await raw(h, "GET", "/v1/invitations?query=fresh.invitee")).json[0];
    expect(rawInv.expires_at - rawInv.created_at).toBe(7 * 24 * 3600 * 1000);
    assertConforms(rawInv, "POST", "/invitations", 200);
  });

  it("refuses an email that already has a user or a pending invitation", async () => {
    const user = await clerkErrorOf(
      clerk.invitations.createInvitation({ emailAddress: "admin@example.com" }),
    );
    expect(user.status).toBe(422);
    expect(user.errors[0]?.code).toBe("duplicate_record");
    const pending = await clerkErrorOf(
      clerk.invitations.createInvitation({ emailAddress: "FRESH.invitee@example.org" }),
    );
    expect(pending.status).toBe(400);
    expect(pending.errors[0]?.code).toBe("duplicate_record");
    // ignore_existing bypasses the pending-invitation rule but never the existing-user rule.
    const again = await clerk.invitations.createInvitation({
      emailAddress: "fresh.invitee@example.org",
      ignoreExisting: true,
    });
    expect(again.status).toBe("pending");
    const stillUser = await clerkErrorOf(
      clerk.invitations.createInvitation({ emailAddress: "admin@example.com", ignoreExisting: true }),
    );
    expect(stillUser.status).toBe(422);
    const bad = await raw(h, "POST", "/v1/invitations", { email_address: "not-an-email" });
    expect(bad.status).toBe(422);
    assertConforms(bad.json, "POST", "/invitations", 422);
  });

  it("lists paginated with status and query filters, and as a plain array without paginated", async () => {
    const pending = await clerk.invitations.getInvitationList({ status: "pending", limit: 5 });
    expect(pending.data).toHaveLength(5);
    expect(pending.totalCount).toBeGreaterThan(5);
    expect(pending.data.every((i) => i.status === "pending")).toBe(true);
    const revoked = await clerk.invitations.getInvitationList({ status: "revoked" });
    expect(revoked.totalCount).toBeGreaterThan(0);
    expect(revoked.data.every((i) => i.revoked)).toBe(true);
    const q = await clerk.invitations.getInvitationList({ query: "fresh.invitee" });
    expect(q.totalCount).toBe(2);

    const rawPaged = await raw(h, "GET", "/v1/invitations?paginated=true&limit=3");
    expect(Object.keys(rawPaged.json).sort()).toEqual(["data", "total_count"]);
    const rawList = await raw(h, "GET", "/v1/invitations?limit=3&order_by=%2Bemail_address");
    expect(Array.isArray(rawList.json)).toBe(true);
    assertConforms(rawList.json, "GET", "/invitations", 200);
    const emails = rawList.json.map((i: { email_address: string }) => i.email_address);
    expect([...emails].sort()).toEqual(emails);
    expect((await raw(h, "GET", "/v1/invitations?status=bogus")).status).toBe(422);
  });

  it("revokes once, then refuses a second revoke", async () => {
    const inv = await clerk.invitations.createInvitation({ emailAddress: "to.revoke@example.org" });
    const revoked = await clerk.invitations.revokeInvitation(inv.id);
    expect(revoked.revoked).toBe(true);
    expect(revoked.status).toBe("revoked");
    const second = await clerkErrorOf(clerk.invitations.revokeInvitation(inv.id));
    expect(second.status).toBe(400);
    expect((await clerkErrorOf(clerk.invitations.revokeInvitation("inv_missing"))).status).toBe(404);
    // A revoked invitation no longer blocks a new one.
    expect((await clerk.invitations.createInvitation({ emailAddress: "to.revoke@example.org" })).status).toBe(
      "pending",
    );
  });

  it("bulk-creates all or nothing", async () => {
    const ok = await raw(h, "POST", "/v1/invitations/bulk", [
      { email_address: "bulk1@example.org" },
      { email_address: "bulk2@example.org", public_metadata: { plan: "free" } },
    ]);
    expect(ok.status).toBe(200);
    assertConforms(ok.json, "POST", "/invitations/bulk", 200);
    expect(ok.json).toHaveLength(2);

    const before = (await clerk.invitations.getInvitationList({ limit: 500 })).totalCount;
    const refused = await raw(h, "POST", "/v1/invitations/bulk", [
      { email_address: "bulk3@example.org" },
      { email_address: "viewer@example.com" },
    ]);
    expect(refused.status).toBe(422);
    expect((await clerk.invitations.getInvitationList({ limit: 500 })).totalCount).toBe(before);
    const tooMany = await raw(
      h,
      "POST",
      "/v1/invitations/bulk",
      Array.from({ length: 11 }, (_, i) => ({ email_address: `many${i}@example.org` })),
    );
    expect(tooMany.status).toBe(422);
  });

  it("reports expired invitations as expired once their time passes", async () => {
    const inv = await clerk.invitations.createInvitation({
      emailAddress: "expiring@example.org",
      expiresInDays: 1,
    });
    h.state.clock.offsetMs = 2 * 24 * 3600 * 1000;
    try {
      const list = await clerk.invitations.getInvitationList({ query: "expiring@example.org" });
      expect(list.data[0]?.id).toBe(inv.id);
      expect(list.data[0]?.status).toBe("expired");
    } finally {
      h.state.clock.offsetMs = 0;
    }
  });
});
