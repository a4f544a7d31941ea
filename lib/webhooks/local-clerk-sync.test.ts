// End to end with the real pieces: Local Clerk (BAPI + Svix-signed webhook delivery), the webhook route over
// HTTP, the store, and the SSE stream.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { changeEvents, metadataIndex, webhookEvents } from "@/lib/db/schema";
import { LOCAL_WEBHOOK_SECRET } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { testDrivers, useProcessTestStore } from "@/test/support/db";
import { sdk, startTestClerk } from "@/test/support/local-clerk";
import { until } from "@/test/support/until";
import { serveWebhookRoute } from "@/test/support/webhook-route-server";
import { ChangeHub, createChangeEventStream } from "./event-stream";
import {
  ensureMetadataIndex,
  INDEX_RESYNCED_KIND,
  metadataIndexFreshness,
  queryMetadataIndex,
  resyncMetadataIndex,
  upsertIndexedUsers,
} from "./metadata-index";

const SEEDED = 1100; // more than two BAPI pages of 500

describe.each(testDrivers())("Local Clerk -> webhook -> store -> SSE on %s", (driver) => {
  let store: Awaited<ReturnType<typeof useProcessTestStore>> | undefined;
  let db: Db;
  let server: Server;
  let clerk: LocalClerkHandle;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.CLERK_WEBHOOK_SIGNING_SECRET = LOCAL_WEBHOOK_SECRET;
    store = await useProcessTestStore(driver);
    db = store.db;
    server = await serveWebhookRoute();
    const { port } = server.address() as AddressInfo;
    clerk = await startTestClerk({
      seedUsers: SEEDED,
      webhookUrl: `http://127.0.0.1:${port}/api/webhooks/clerk`,
      webhookSecret: LOCAL_WEBHOOK_SECRET,
      webhookRetryDelaysMs: [200, 500],
    });
  });
  afterAll(async () => {
    await clerk?.stop();
    await new Promise((r) => server?.close(r));
    await store?.close();
    process.env = { ...saved };
  });

  it("ensureMetadataIndex builds a never-built index once", async () => {
    expect((await metadataIndexFreshness(db)).lastResyncAt).toBeNull();
    await Promise.all([ensureMetadataIndex(sdk(clerk), db), ensureMetadataIndex(sdk(clerk), db)]);
    const fresh = await metadataIndexFreshness(db);
    expect(fresh.lastResyncAt).toBeInstanceOf(Date);
    expect(fresh.users).toBe((await sdk(clerk).users.getUserList({ limit: 1 })).totalCount);
    const resyncs = await db.select().from(changeEvents).where(eq(changeEvents.kind, INDEX_RESYNCED_KIND));
    expect(resyncs).toHaveLength(1);
  });

  it("a full resync pages through every BAPI user and tombstones rows for users that no longer exist", async () => {
    await upsertIndexedUsers(
      [{ userId: "user_gone", email: "gone@x.com", publicMetadata: {}, updatedAt: 1 }],
      db,
    );
    const pages: number[] = [];
    const { users, removed } = await resyncMetadataIndex(sdk(clerk), {
      db,
      onPage: (seen) => pages.push(seen),
    });
    const total = (await sdk(clerk).users.getUserList({ limit: 1 })).totalCount;
    expect(users).toBe(total);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(removed).toBe(1);
    const [indexed] = await db
      .select({ n: count() })
      .from(metadataIndex)
      .where(isNull(metadataIndex.deletedAt));
    expect(indexed?.n).toBe(total);
    const [gone] = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, "user_gone"));
    expect(gone).toMatchObject({ email: null, publicMetadata: {}, deletedAt: expect.any(Number) });
    const fresh = await metadataIndexFreshness(db);
    expect(fresh.users).toBe(total);
    expect(fresh.lastResyncAt).toBeInstanceOf(Date);
  });

  it("a metadata change made through BAPI reaches the index and the open SSE stream via the signed webhook", async () => {
    const api = sdk(clerk);
    const [target] = (await api.users.getUserList({ limit: 1, offset: 7 })).data;
    const hub = new ChangeHub(async () => db, 100);
    const stream = createChangeEventStream({ hub, db });
    const reader = stream.getReader();
    await new Promise((r) => setTimeout(r, 300)); // let the hub take its starting cursor

    await api.users.updateUserMetadata(target!.id, { publicMetadata: { plan: "pro-sse-test" } });

    const decoder = new TextDecoder();
    let raw = "";
    await until("the webhook to land", async () => {
      const { value } = await reader.read();
      raw += decoder.decode(value, { stream: true });
      return raw.includes(`"user_id":"${target!.id}"`);
    });
    await reader.cancel();
    expect(raw).toContain(`"kind":"user.updated","user_id":"${target!.id}"`);

    const found = await queryMetadataIndex({ key: "plan", value: "pro-sse-test" }, db);
    expect(found.rows.map((r) => r.userId)).toEqual([target!.id]);
    const events = await db.select().from(webhookEvents).where(eq(webhookEvents.objectId, target!.id));
    expect(events.map((e) => e.type)).toEqual(["user.updated"]);
  });

  it("deleting a user through BAPI removes it from the index (a tombstone stays)", async () => {
    const api = sdk(clerk);
    const [target] = (await api.users.getUserList({ limit: 1, offset: 11 })).data;
    await api.users.deleteUser(target!.id);
    await until("the webhook to land", async () => {
      const rows = await db.select().from(metadataIndex).where(eq(metadataIndex.userId, target!.id));
      return rows.length === 1 && rows[0]?.deletedAt !== null;
    });
    expect((await queryMetadataIndex({ email: target!.emailAddresses[0]!.emailAddress }, db)).total).toBe(0);
    const deliveries = clerk.context.webhooks.deliveries;
    expect(deliveries.filter((d) => d.status === "failed")).toEqual([]);
  });
});
