// The metadata index across console downtime, with the real pieces: Local Clerk (BAPI + Svix-signed
// deliveries with retries), the webhook route over HTTP (switchable "down"), the store.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/clerk/route";
import type { Db } from "@/lib/db/client";
import { pacedClerk } from "@/lib/jobs/paced-clerk";
import { Pacer } from "@/lib/jobs/pacer";
import { LOCAL_WEBHOOK_SECRET } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { testDrivers, useProcessTestStore } from "@/test/support/db";
import { clientFor } from "@/test/support/jobs";
import { startTestClerk } from "@/test/support/local-clerk";
import { catchUpMetadataIndex } from "./catch-up";
import { metadataIndexFreshness, queryMetadataIndex, resyncMetadataIndex } from "./metadata-index";

let down = false;

function serveRoute(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (down) {
      res.writeHead(503).end();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await POST(
      new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDrivers())("metadata index across downtime on %s", (driver) => {
  let store: Awaited<ReturnType<typeof useProcessTestStore>> | undefined;
  let db: Db;
  let server: Server;
  let lc: LocalClerkHandle;
  const saved = { ...process.env };
  const deliveries = () => lc.context.webhooks.deliveries;
  const settled = () => deliveries().every((d) => d.status !== "pending");

  beforeAll(async () => {
    process.env.CLERK_WEBHOOK_SIGNING_SECRET = LOCAL_WEBHOOK_SECRET;
    store = await useProcessTestStore(driver);
    db = store.db;
    server = await serveRoute();
    lc = await startTestClerk({
      seedUsers: 20,
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/clerk`,
      webhookSecret: LOCAL_WEBHOOK_SECRET,
      webhookRetryDelaysMs: [1_500, 1_500, 1_500],
    });
    await resyncMetadataIndex(clientFor(lc), { db });
  });
  afterAll(async () => {
    await lc?.stop();
    await new Promise((r) => server?.close(r));
    await store?.close();
    process.env = { ...saved };
  });

  it("delete, then the retried older update: no ghost row (3 of 3 users)", async () => {
    const api = clientFor(lc);
    const users = [...lc.state.users.all()].slice(3, 6).map((u) => u.id);
    const from = deliveries().length;
    down = true;
    for (const id of users) await api.users.updateUserMetadata(id, { publicMetadata: { ghost: "yes" } });
    await waitFor(
      () =>
        deliveries()
          .slice(from)
          .filter((d) => d.lastStatus === 503).length === users.length,
    );
    down = false;
    for (const id of users) await api.users.deleteUser(id);
    // The deletes are delivered first; then Svix-like retries bring the older updates.
    await waitFor(
      () =>
        settled() &&
        deliveries()
          .slice(from)
          .every((d) => d.status === "delivered"),
    );
    const updates = deliveries()
      .slice(from)
      .filter((d) => d.type === "user.updated");
    expect(updates.map((d) => d.attempts)).toEqual([2, 2, 2]);

    expect((await queryMetadataIndex({ key: "ghost" }, db)).total).toBe(0);
    expect((await metadataIndexFreshness(db)).users).toBe(lc.state.users.size);
    // A full resync afterwards keeps them out too.
    await resyncMetadataIndex(api, { db });
    expect((await queryMetadataIndex({ key: "ghost" }, db)).total).toBe(0);
  });

  it("a boot catch-up picks up a change made while the console was down, before any retry", async () => {
    const api = clientFor(lc);
    const [seen, missed] = [...lc.state.users.all()].slice(8, 10).map((u) => u.id) as [string, string];
    await api.users.updateUserMetadata(seen, { publicMetadata: { tier: "seen" } });
    await waitFor(settled);
    expect((await queryMetadataIndex({ key: "tier", value: "seen" }, db)).total).toBe(1);

    down = true; // the console is down: every delivery fails until the catch-up has run
    const from = deliveries().length;
    await api.users.updateUserMetadata(missed, { publicMetadata: { tier: "missed" } });
    await waitFor(() =>
      deliveries()
        .slice(from)
        .some((d) => d.lastStatus === 503),
    );
    expect((await queryMetadataIndex({ key: "tier", value: "missed" }, db)).total).toBe(0);

    const paced = pacedClerk(api, new Pacer({ requests: 90, windowMs: 10_000 }));
    const result = await catchUpMetadataIndex(paced.clerk, { db });
    expect(
      deliveries()
        .slice(from)
        .every((d) => d.status !== "delivered"),
    ).toBe(true);
    expect(result).toMatchObject({ complete: true });
    expect(result.users).toBeGreaterThanOrEqual(1);
    expect(result.users).toBeLessThan(lc.state.users.size);
    expect(paced.requests).toBe(1);
    expect(
      (await queryMetadataIndex({ key: "tier", value: "missed" }, db)).rows.map((r) => r.userId),
    ).toEqual([missed]);
    down = false;
    await waitFor(settled);
  });

  it("the catch-up is bounded: past maxUsers it stops and says a full resync is needed", async () => {
    const api = clientFor(lc);
    for (const u of [...lc.state.users.all()].slice(12, 15))
      await api.users.updateUserMetadata(u.id, { publicMetadata: { bounded: true } });
    await waitFor(settled);
    const result = await catchUpMetadataIndex(api, { db, maxUsers: 2 });
    expect(result).toMatchObject({ users: 2, complete: false });
  });
});
