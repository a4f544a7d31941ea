import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { Webhook } from "svix";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/clerk/route";
import type { Db } from "@/lib/db/client";
import { changeEvents, metadataIndex, webhookEvents } from "@/lib/db/schema";
import { LOCAL_WEBHOOK_SECRET } from "@/local-clerk/src/app-env";
import { testDrivers, useProcessTestStore } from "@/test/support/db";
import { metadataIndexFreshness, queryMetadataIndex } from "./metadata-index";

const signer = new Webhook(LOCAL_WEBHOOK_SECRET);

function userData(id: string, metadata: Record<string, unknown>, updatedAt: number) {
  return {
    id,
    object: "user",
    primary_email_address_id: `idn_${id}`,
    email_addresses: [
      { id: `idn_other_${id}`, email_address: `other-${id}@example.com` },
      { id: `idn_${id}`, email_address: `${id}@acme.com` },
    ],
    public_metadata: metadata,
    private_metadata: { secret: "never indexed" },
    updated_at: updatedAt,
  };
}

function eventBody(type: string, data: unknown): string {
  return JSON.stringify({ type, object: "event", data, timestamp: Date.now(), instance_id: "ins_local" });
}

function signedRequest(body: string, opts: { svixId?: string; at?: Date; secret?: string } = {}): Request {
  const svixId = opts.svixId ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  const signature = (opts.secret ? new Webhook(opts.secret) : signer).sign(svixId, at, body);
  return new Request("http://localhost/api/webhooks/clerk", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "svix-id": svixId,
      "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
      "svix-signature": signature,
    },
    body,
  });
}

async function counts(db: Db) {
  const [[events], [changes], [indexed]] = await Promise.all([
    db.select({ n: count() }).from(webhookEvents),
    db.select({ n: count() }).from(changeEvents),
    db.select({ n: count() }).from(metadataIndex),
  ]);
  return { events: events!.n, changes: changes!.n, indexed: indexed!.n };
}

describe.each(testDrivers())("Clerk webhook route on %s", (driver) => {
  let store: Awaited<ReturnType<typeof useProcessTestStore>> | undefined;
  let db: Db;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.CLERK_WEBHOOK_SIGNING_SECRET = LOCAL_WEBHOOK_SECRET;
    // The route uses the process-wide store; assertions read the same database.
    store = await useProcessTestStore(driver);
    db = store.db;
  });
  afterAll(async () => {
    await store?.close();
    process.env = { ...saved };
  });

  it("stores a verified user.created, indexes its public metadata and announces the change", async () => {
    const before = await counts(db);
    const res = await POST(
      signedRequest(eventBody("user.created", userData("user_a", { plan: "pro" }, 1000))),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: "stored", type: "user.created" });
    expect(await counts(db)).toEqual({
      events: before.events + 1,
      changes: before.changes + 1,
      indexed: before.indexed + 1,
    });
    const [row] = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, "user_a"));
    expect(row).toMatchObject({ email: "user_a@acme.com", publicMetadata: { plan: "pro" }, updatedAt: 1000 });
    const [change] = await db.select().from(changeEvents).where(eq(changeEvents.userId, "user_a"));
    expect(change?.kind).toBe("user.created");
  });

  it("the same event delivered 5 times (sequentially and concurrently) is stored once, announced once", async () => {
    const svixId = `msg_${randomUUID()}`;
    const body = eventBody("user.updated", userData("user_b", { plan: "free" }, 2000));
    const before = await counts(db);
    const first = await POST(signedRequest(body, { svixId }));
    expect((await first.json()).status).toBe("stored");
    // Svix re-signs each retry with a fresh timestamp but keeps the message id.
    const sequential = await POST(signedRequest(body, { svixId, at: new Date(Date.now() + 1000) }));
    const concurrent = await Promise.all(
      [0, 1, 2].map((i) => POST(signedRequest(body, { svixId, at: new Date(Date.now() + i * 1000) }))),
    );
    for (const res of [sequential, ...concurrent]) {
      expect(res.status).toBe(200);
      expect((await res.json()).status).toBe("duplicate");
    }
    expect(await counts(db)).toEqual({
      events: before.events + 1,
      changes: before.changes + 1,
      indexed: before.indexed + 1,
    });
  });

  it("a tampered body, signature or secret gets 401 and changes nothing", async () => {
    const body = eventBody("user.updated", userData("user_a", { plan: "enterprise" }, 9000));
    const before = await counts(db);
    const good = signedRequest(body);

    const tamperedBody = new Request(good.url, {
      method: "POST",
      headers: good.headers,
      body: body.replace("enterprise", "hacked"),
    });
    const sig = good.headers.get("svix-signature")!;
    const flipped = `${sig.slice(0, -4)}${sig.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    const tamperedSig = new Request(good.url, {
      method: "POST",
      headers: { ...Object.fromEntries(good.headers), "svix-signature": flipped },
      body,
    });
    const wrongSecret = signedRequest(body, { secret: "whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC0wMTIzNDU2" });
    const noHeaders = new Request(good.url, { method: "POST", body });

    for (const req of [tamperedBody, tamperedSig, wrongSecret, noHeaders]) {
      const res = await POST(req);
      expect(res.status).toBe(401);
    }
    expect(await counts(db)).toEqual(before);
    const [row] = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, "user_a"));
    expect(row?.publicMetadata).toEqual({ plan: "pro" });
  });

  it("an event older (or further in the future) than the 5-minute tolerance is refused", async () => {
    const before = await counts(db);
    const body = eventBody("user.created", userData("user_stale", {}, 1));
    const stale = await POST(signedRequest(body, { at: new Date(Date.now() - 6 * 60_000) }));
    const future = await POST(signedRequest(body, { at: new Date(Date.now() + 6 * 60_000) }));
    expect(stale.status).toBe(401);
    expect(future.status).toBe(401);
    expect(await counts(db)).toEqual(before);
  });

  it("out-of-order updates never overwrite newer index state; user.deleted leaves a tombstone", async () => {
    await POST(signedRequest(eventBody("user.updated", userData("user_c", { plan: "pro", seats: 5 }, 5000))));
    await POST(signedRequest(eventBody("user.updated", userData("user_c", { plan: "free" }, 4000))));
    let [row] = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, "user_c"));
    expect(row?.publicMetadata).toEqual({ plan: "pro", seats: 5 });

    const found = await queryMetadataIndex({ key: "plan", value: "pro" }, db);
    expect(found.rows.map((r) => r.userId).sort()).toEqual(["user_a", "user_c"]);
    expect((await queryMetadataIndex({ match: { plan: "pro", seats: 5 } }, db)).total).toBe(1);
    expect((await queryMetadataIndex({ key: "seats" }, db)).rows.map((r) => r.userId)).toEqual(["user_c"]);
    expect((await queryMetadataIndex({ key: "plan", value: "pro", email: "user_c@" }, db)).total).toBe(1);

    const res = await POST(
      signedRequest(eventBody("user.deleted", { id: "user_c", object: "user", deleted: true })),
    );
    expect(res.status).toBe(200);
    [row] = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, "user_c"));
    expect(row).toMatchObject({ email: null, publicMetadata: {}, deletedAt: expect.any(Number) });
    expect((await queryMetadataIndex({ key: "seats" }, db)).total).toBe(0);
    const changes = await db.select().from(changeEvents).where(eq(changeEvents.userId, "user_c"));
    expect(changes.map((c) => c.kind)).toEqual(["user.updated", "user.updated", "user.deleted"]);
  });

  it("an update older than the deletion, delivered after it (a webhook retry), never brings the row back", async () => {
    const updatedAt = Date.now() - 60_000;
    await POST(signedRequest(eventBody("user.updated", userData("user_g", { plan: "ghost" }, updatedAt))));
    const deleted = await POST(
      signedRequest(eventBody("user.deleted", { id: "user_g", object: "user", deleted: true })),
    );
    expect(deleted.status).toBe(200);
    for (const at of [updatedAt, updatedAt + 1]) {
      const late = await POST(
        signedRequest(eventBody("user.updated", userData("user_g", { plan: "ghost" }, at))),
      );
      expect((await late.json()).status).toBe("stored");
    }
    const late = await POST(
      signedRequest(eventBody("user.created", userData("user_g", { plan: "ghost" }, updatedAt))),
    );
    expect(late.status).toBe(200);
    expect((await queryMetadataIndex({ key: "plan", value: "ghost" }, db)).total).toBe(0);
    const [row] = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, "user_g"));
    expect(row).toMatchObject({ publicMetadata: {}, deletedAt: expect.any(Number) });
  });

  it("events other than user.* are stored and announced with their user id", async () => {
    const res = await POST(
      signedRequest(eventBody("session.created", { id: "sess_1", object: "session", user_id: "user_a" })),
    );
    expect(res.status).toBe(200);
    const [change] = await db.select().from(changeEvents).where(eq(changeEvents.kind, "session.created"));
    expect(change?.userId).toBe("user_a");
    const fresh = await metadataIndexFreshness(db);
    expect(fresh.lastEventAt).toBeInstanceOf(Date);
    expect(fresh.users).toBe(2);
  });

  it("a signed but malformed event gets 400 and changes nothing; unstorable characters are cleaned, not a 500", async () => {
    const before = await counts(db);
    for (const body of [
      JSON.stringify({ type: 42, data: {} }),
      JSON.stringify({ type: "user.updated", data: [1, 2] }),
      JSON.stringify({ type: "user.updated", data: null }),
      JSON.stringify({ type: "x".repeat(201), data: {} }),
    ]) {
      const res = await POST(signedRequest(body));
      expect(res.status).toBe(400);
    }
    expect(await counts(db)).toEqual(before);

    const dirty = eventBody("session.created", { id: "sess_nul", user_id: "user_\u0000\ud800x" });
    const res = await POST(signedRequest(dirty));
    expect(res.status).toBe(200);
    const after = await counts(db);
    expect(after).not.toEqual(before);
  });

  it("answers 500 (not 401) when the signing secret is not configured", async () => {
    const secret = process.env.CLERK_WEBHOOK_SIGNING_SECRET;
    delete process.env.CLERK_WEBHOOK_SIGNING_SECRET;
    try {
      const res = await POST(signedRequest(eventBody("user.created", userData("user_x", {}, 1))));
      expect(res.status).toBe(500);
    } finally {
      process.env.CLERK_WEBHOOK_SIGNING_SECRET = secret;
    }
  });
});
