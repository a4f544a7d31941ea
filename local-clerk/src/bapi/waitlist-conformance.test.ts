import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertWebhookConforms } from "@/test/support/clerk-webhook-spec";
import { startTestClerk } from "@/test/support/local-clerk";
import { specOperations } from "@/test/support/org-conformance";
import { conformingSdk } from "@/test/support/sdk-conformance";
import { startWebhookReceiver } from "@/test/support/webhook-receiver";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let s: ReturnType<typeof conformingSdk>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  h = await startTestClerk({ seedUsers: 40, webhookUrl: hooks.url, webhookRetryDelaysMs: [50] });
  s = conformingSdk(h);
});
afterAll(async () => {
  s.restore();
  await h.stop();
  await hooks.close();
});

describe("waitlist entries (6 operations) through @clerk/backend, bodies and webhooks per the specs", () => {
  it("adds, lists, invites (a real invitation), rejects and deletes entries", async () => {
    const { clerk } = s;
    const one = await clerk.waitlistEntries.create({ emailAddress: "queue.one@example.org", notify: false });
    expect(one.status).toBe("pending");
    const bulk = await clerk.waitlistEntries.createBulk([
      { emailAddress: "queue.two@example.org" },
      { emailAddress: "queue.three@example.org", notify: false },
    ]);
    expect(bulk.map((e) => e.emailAddress)).toEqual(["queue.two@example.org", "queue.three@example.org"]);
    const listed = await clerk.waitlistEntries.list({ query: "queue.", orderBy: "+email_address", limit: 2 });
    expect(listed.totalCount).toBe(3);
    expect(listed.data.map((e) => e.emailAddress)).toEqual([
      "queue.one@example.org",
      "queue.three@example.org",
    ]);

    const invited = await clerk.waitlistEntries.invite(one.id, { ignoreExisting: false });
    expect(invited.status).toBe("invited");
    const invitationId = s.last().invitation.id;
    const pending = await clerk.invitations.getInvitationList({ status: "pending" });
    expect(pending.data.map((i) => i.id)).toContain(invitationId);
    const invitedNow = await clerk.waitlistEntries.list({ status: "invited", query: "queue." });
    expect(invitedNow.data.map((e) => e.id)).toEqual([one.id]);
    // The seed's invited entries are there too; every listed one is invited.
    expect(
      (await clerk.waitlistEntries.list({ status: "invited", limit: 100 })).data.every(
        (e) => e.status === "invited",
      ),
    ).toBe(true);

    const rejected = await clerk.waitlistEntries.reject(one.id);
    expect(rejected.status).toBe("rejected");
    // Rejecting an invited entry revokes its pending invitation.
    expect(
      (await clerk.invitations.getInvitationList({ status: "revoked" })).data.map((i) => i.id),
    ).toContain(invitationId);
    await clerk.waitlistEntries.delete(bulk[0]!.id);
    expect((await clerk.waitlistEntries.list({ query: "queue." })).totalCount).toBe(2);

    expect(specOperations(["Waitlist Entries"]).filter((op) => !s.called.has(op))).toEqual([]);

    const events = await hooks.until(["waitlistEntry.created", "waitlistEntry.updated"]);
    const waitlist = events.filter((e) => e.type.startsWith("waitlistEntry."));
    expect(waitlist.map((e) => `${e.type} ${e.data.email_address} ${e.data.status}`).sort()).toEqual([
      "waitlistEntry.created queue.one@example.org pending",
      "waitlistEntry.created queue.three@example.org pending",
      "waitlistEntry.created queue.two@example.org pending",
      "waitlistEntry.updated queue.one@example.org invited",
      "waitlistEntry.updated queue.one@example.org rejected",
    ]);
    for (const e of waitlist) assertWebhookConforms(e);
  }, 90_000);
});
