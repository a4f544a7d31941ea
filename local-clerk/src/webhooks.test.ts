import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import { LOCAL_WEBHOOK_SECRET } from "./app-env";
import type { LocalClerkHandle } from "./index";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
let received: Received[] = [];
/** How the receiver answers the next calls: a status, or "hang". */
let script: (number | "hang")[] = [];
let h: LocalClerkHandle;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const next = script.shift() ?? 200;
      if (next === "hang") return;
      res.writeHead(next).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/clerk`;
  h = await startTestClerk({
    webhookUrl: url,
    webhookSecret: LOCAL_WEBHOOK_SECRET,
    webhookRetryDelaysMs: [50, 100],
  });
});
afterAll(async () => {
  await h.stop();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

async function waitFor<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting for webhook");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function verified(r: Received) {
  const wh = new Webhook(LOCAL_WEBHOOK_SECRET);
  // svix 2.5's verify() returns nothing and throws on a bad signature.
  wh.verify(r.body, r.headers as Record<string, string>);
  return JSON.parse(r.body) as { type: string; object: string; data: Record<string, unknown> };
}

function eventsOfType(type: string) {
  return received.map(verified).filter((e) => e.type === type);
}

describe("Svix-signed webhooks", () => {
  it("delivers user, invitation and session events that verify with the signing secret", async () => {
    const clerk = sdk(h);
    const user = await clerk.users.createUser({ emailAddress: ["hook@example.org"], firstName: "Hook" });
    await clerk.users.updateUserMetadata(user.id, { publicMetadata: { plan: "pro" } });
    const inv = await clerk.invitations.createInvitation({ emailAddress: "hook-invite@example.org" });
    await clerk.invitations.revokeInvitation(inv.id);
    const session = (await raw(h, "POST", "/v1/sessions", { user_id: user.id })).json;
    await clerk.sessions.revokeSession(session.id);
    await clerk.users.deleteUser(user.id);

    const types = [
      "user.created",
      "user.updated",
      "invitation.created",
      "invitation.revoked",
      "session.created",
      "session.revoked",
      "user.deleted",
    ];
    for (const t of types) await waitFor(() => (eventsOfType(t).length > 0 ? true : undefined));

    const created = eventsOfType("user.created").find((e) => e.data.id === user.id)!;
    expect(created.object).toBe("event");
    expect((created.data.email_addresses as { email_address: string }[])[0]?.email_address).toBe(
      "hook@example.org",
    );
    expect(
      eventsOfType("user.updated").some((e) => (e.data.public_metadata as { plan?: string }).plan === "pro"),
    ).toBe(true);
    expect(eventsOfType("invitation.revoked")[0]?.data).toMatchObject({ id: inv.id, status: "revoked" });
    expect(eventsOfType("session.revoked")[0]?.data).toMatchObject({ id: session.id, status: "revoked" });
    expect(eventsOfType("user.deleted")[0]?.data).toEqual({ object: "user", id: user.id, deleted: true });

    const first = received[0]!;
    expect(first.headers["svix-id"]).toMatch(/^msg_/);
    expect(Number(first.headers["svix-timestamp"])).toBeGreaterThan(0);
    // A wrong secret must not verify: the signature is real.
    expect(() =>
      new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(
        first.body,
        first.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it("retries failed deliveries with backoff, keeping the same svix-id", async () => {
    await new Promise((r) => setTimeout(r, 200));
    received = [];
    script = [500, 503];
    h.context.webhooks.emit("user.updated", { id: "user_retry", object: "user" });
    const mine = () => received.filter((r) => verified(r).data.id === "user_retry");
    const deliveries = await waitFor(() => (mine().length >= 3 ? mine() : undefined));
    expect(new Set(deliveries.map((d) => d.headers["svix-id"])).size).toBe(1);
    for (const d of deliveries) expect(verified(d).data.id).toBe("user_retry");
    const log = (await raw(h, "GET", "/__local_clerk/webhooks")).json.data;
    const entry = log.find((d: { id: string }) => d.id === deliveries[0]!.headers["svix-id"]);
    expect(entry).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200 });
  });

  it("never blocks the API call on a hanging receiver", async () => {
    received = [];
    script = ["hang"];
    const started = performance.now();
    const user = await sdk(h).users.createUser({ emailAddress: ["slow-hook@example.org"] });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(user.id).toMatch(/^user_/);
    await waitFor(() => (received.length > 0 ? true : undefined));
  });
});
