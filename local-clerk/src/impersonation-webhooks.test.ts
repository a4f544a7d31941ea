import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertWebhookConforms } from "@/test/support/clerk-webhook-spec";
import { sdk, startTestClerk } from "@/test/support/local-clerk";
import { LOCAL_WEBHOOK_SECRET } from "./app-env";
import { FapiTestClient } from "./fapi/test-client";
import type { LocalClerkHandle } from "./index";

// biome-ignore lint/suspicious/noExplicitAny: raw webhook JSON under test
type Event = { type: string; data: Record<string, any> };

const bodies: string[] = [];
const headers: Record<string, string>[] = [];
let receiver: Server;
let h: LocalClerkHandle;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      headers.push(req.headers as Record<string, string>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  h = await startTestClerk({
    seedUsers: 20,
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

async function sessionCreatedFor(userId: string): Promise<Event> {
  const end = Date.now() + 10_000;
  for (;;) {
    const events = bodies.map((b, i) => {
      new Webhook(LOCAL_WEBHOOK_SECRET).verify(b, headers[i] as Record<string, string>);
      return JSON.parse(b) as Event;
    });
    const hit = events.find((e) => e.type === "session.created" && e.data.user_id === userId);
    if (hit) return hit;
    if (Date.now() > end) throw new Error("no session.created webhook");
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("impersonation webhooks", () => {
  it("the session an actor token creates is announced by session.created with its actor (when the link was used)", async () => {
    const admin = h.state.findUserByEmail("admin@example.com")!.id;
    const member = h.state.findUserByEmail("member@example.com")!.id;
    const token = await sdk(h).actorTokens.create({ userId: member, actor: { sub: admin } });
    const r = await new FapiTestClient(h.url).json(
      "POST",
      "/v1/client/sign_ins?__clerk_api_version=2026-08-20",
      { strategy: "ticket", ticket: token.token! },
    );
    expect(r.status).toBe(200);
    const event = await sessionCreatedFor(member);
    expect(event.data.actor).toEqual({ sub: admin });
    assertWebhookConforms(event);
  });
});
