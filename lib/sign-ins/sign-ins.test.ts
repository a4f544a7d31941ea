// Storage, backfill and the suspicious-users query, on both drivers, with the real pieces: Local Clerk
// (sign-ins over FAPI, Svix-signed webhooks, BAPI session list), the webhook route over HTTP, the store.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { signIns, webhookEvents } from "@/lib/db/schema";
import { storeClerkEvent } from "@/lib/webhooks/clerk-webhook";
import { LOCAL_WEBHOOK_SECRET, SEEDED_ACCOUNTS } from "@/local-clerk/src/app-env";
import type { LocalClerkHandle } from "@/local-clerk/src/index";
import { testDrivers, useProcessTestStore } from "@/test/support/db";
import { raw, sdk, startTestClerk } from "@/test/support/local-clerk";
import { until } from "@/test/support/until";
import { serveWebhookRoute } from "@/test/support/webhook-route-server";
import { backfillSignIns } from "./backfill";
import { querySignIns, querySignInsPerDay, querySuspiciousUsers } from "./queries";
import { type NewSignIn, recordSignIns } from "./record";

const HOUR = 3_600_000;

function row(
  sessionId: string,
  userId: string,
  at: number,
  place: [string, string],
  device: string,
): NewSignIn {
  return {
    sessionId,
    userId,
    signedInAt: new Date(at),
    status: "active",
    statusAt: at,
    deviceType: device,
    browserName: "Chrome",
    city: place[0],
    country: place[1],
    ipAddress: "192.0.2.1",
    source: "webhook",
  };
}

describe.each(testDrivers())("sign-ins on %s", (driver) => {
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
      seedUsers: 300,
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

  it("a session.created webhook records the sign-in with Clerk's device, browser, IP and place; revoke moves its status", async () => {
    const admin = SEEDED_ACCOUNTS[0];
    const userId = clerk.state.users.findByEmail(admin.email)?.id as string;
    const created = await raw(clerk, "POST", "/v1/sessions", { user_id: userId });
    const sid = created.json.id as string;
    const got = await until(
      "the sign-in row",
      async () => (await db.select().from(signIns).where(eq(signIns.sessionId, sid)))[0],
    );
    const activity = created.json.latest_activity;
    expect(got).toMatchObject({
      userId,
      status: "active",
      source: "webhook",
      ipAddress: activity.ip_address,
      city: activity.city,
      country: activity.country,
      browserName: activity.browser_name,
      deviceType: activity.device_type,
    });
    expect(got.city).toEqual(expect.any(String));
    expect(got.signedInAt.getTime()).toBe(created.json.created_at);

    await raw(clerk, "POST", `/v1/sessions/${sid}/revoke`);
    await until(
      "the sign-in row",
      async () =>
        (await db.select().from(signIns).where(eq(signIns.sessionId, sid)))[0]?.status === "revoked",
    );
  });

  it("is idempotent by svix-id and by session id; an older event never turns a status back", async () => {
    const data = {
      id: "sess_dup",
      object: "session",
      user_id: "user_dup",
      status: "active",
      created_at: 1_000,
      updated_at: 1_000,
      latest_activity: {
        object: "session_activity",
        id: "a",
        is_mobile: false,
        city: "Paris",
        country: "FR",
      },
    };
    const event = { type: "session.created", data, object: "event", timestamp: 1_000 };
    await storeClerkEvent("msg_dup_1", event, db);
    expect((await storeClerkEvent("msg_dup_1", event, db)).status).toBe("duplicate");
    await storeClerkEvent("msg_dup_2", event, db); // another delivery id, same session
    await storeClerkEvent(
      "msg_dup_3",
      { ...event, type: "session.ended", data: { ...data, status: "ended", updated_at: 3_000 } },
      db,
    );
    await storeClerkEvent(
      "msg_dup_4",
      { ...event, type: "session.revoked", data: { ...data, status: "revoked", updated_at: 2_000 } },
      db,
    );
    const rows = await db.select().from(signIns).where(eq(signIns.userId, "user_dup"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "ended", statusAt: 3_000, city: "Paris" });
  });

  it("a malformed session event is stored as an event but records no sign-in", async () => {
    const [before] = await db.select({ n: count() }).from(signIns);
    await storeClerkEvent("msg_bad_sess", { type: "session.created", data: { id: "nope", user_id: 5 } }, db);
    const [after] = await db.select({ n: count() }).from(signIns);
    expect(after?.n).toBe(before?.n);
    expect(
      await db.select().from(webhookEvents).where(eq(webhookEvents.svixId, "msg_bad_sess")),
    ).toHaveLength(1);
  });

  it("backfills every session Clerk lists, once: a second run inserts nothing and the webhook rows stay single", async () => {
    const total = (await sdk(clerk).sessions.getSessionList({ limit: 1 })).totalCount;
    expect(total).toBeGreaterThan(3);
    const first = await backfillSignIns(sdk(clerk), { db });
    expect(first).toMatchObject({ seen: total, complete: true });
    const second = await backfillSignIns(sdk(clerk), { db });
    expect(second).toMatchObject({ seen: total, inserted: 0, complete: true });
    const clerkIds = new Set(
      (await sdk(clerk).sessions.getSessionList({ limit: 500 })).data.map((s) => s.id),
    );
    const stored = await db.select({ id: signIns.sessionId }).from(signIns);
    const fromClerk = stored.filter((r) => clerkIds.has(r.id));
    expect(fromClerk).toHaveLength(total);
    const ended = await querySignIns({ limit: 500 }, db);
    expect(ended.rows.filter((r) => r.source === "backfill" && r.status === "ended").length).toBeGreaterThan(
      0,
    );
  });

  it("a backfill since a time reads only the sessions created at or after it, and ends there", async () => {
    const all = (await sdk(clerk).sessions.getSessionList({ limit: 500 })).data;
    const since = all[1]?.createdAt ?? 0;
    const expected = all.filter((s) => s.createdAt >= since).length;
    expect(expected).toBeLessThan(all.length);
    const r = await backfillSignIns(sdk(clerk), { db, since, maxSessions: expected + 1 });
    expect(r).toMatchObject({ seen: expected, inserted: 0, complete: true });
    const none = await backfillSignIns(sdk(clerk), { db, since: Date.now() + HOUR });
    expect(none).toMatchObject({ seen: 0, complete: true });
  });

  it("bounded backfill says it is incomplete", async () => {
    const r = await backfillSignIns(sdk(clerk), { db, maxSessions: 2 });
    expect(r).toMatchObject({ seen: 2, inserted: 0, complete: false });
  });

  it("counts per day, lists a window and finds users signed in from more than N places or devices", async () => {
    const t0 = Date.UTC(2020, 0, 10, 12);
    await recordSignIns(
      [
        row("sess_q1", "user_roamer", t0, ["Paris", "FR"], "Macintosh"),
        row("sess_q2", "user_roamer", t0 + HOUR, ["Tokyo", "JP"], "Macintosh"),
        row("sess_q3", "user_roamer", t0 + 2 * HOUR, ["Sydney", "AU"], "Macintosh"),
        row("sess_q4", "user_home", t0 + 24 * HOUR, ["Paris", "FR"], "Macintosh"),
        row("sess_q5", "user_home", t0 + 25 * HOUR, ["Paris", "FR"], "Windows"),
        row("sess_q6", "user_home", t0 + 26 * HOUR, ["Paris", "FR"], "iPhone"),
        row("sess_q7", "user_home", t0 + 27 * HOUR, ["Paris", "FR"], "iPhone"),
      ],
      db,
    );
    const from = new Date(Date.UTC(2020, 0, 9));
    const to = new Date(Date.UTC(2020, 0, 13));
    expect(await querySignInsPerDay({ from, to }, db)).toEqual([
      { day: "2020-01-09", count: 0 },
      { day: "2020-01-10", count: 3 },
      { day: "2020-01-11", count: 4 },
      { day: "2020-01-12", count: 0 },
    ]);
    const window = await querySignIns({ from, to, userId: "user_home", limit: 2 }, db);
    expect(window.total).toBe(4);
    expect(window.rows.map((r) => r.sessionId)).toEqual(["sess_q7", "sess_q6"]);

    const two = await querySuspiciousUsers({ from, to, moreThan: 2, limit: 10 }, db);
    expect(two.map((u) => u.userId).sort()).toEqual(["user_home", "user_roamer"]);
    const roamer = two.find((u) => u.userId === "user_roamer");
    expect(roamer).toMatchObject({ signIns: 3, locations: ["Paris, FR", "Sydney, AU", "Tokyo, JP"] });
    expect(roamer?.activeSessionIds).toEqual(["sess_q1", "sess_q2", "sess_q3"]);
    expect(await querySuspiciousUsers({ from, to, moreThan: 3, limit: 10 }, db)).toEqual([]);
    // The window matters: the first day alone has only the roamer.
    const firstDay = await querySuspiciousUsers(
      { from, to: new Date(t0 + 12 * HOUR), moreThan: 2, limit: 10 },
      db,
    );
    expect(firstDay.map((u) => u.userId)).toEqual(["user_roamer"]);
  });
});
