// The sign-in monitoring reads over the real store (both drivers) and a real Local Clerk.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setLogSink } from "@/lib/errors";
import { backfillSignIns } from "@/lib/sign-ins/backfill";
import { type ClerkFixture, failure, startClerkFixture } from "@/test/support/clerk-fixture";
import { testDrivers, useProcessTestStore } from "@/test/support/db";
import { runAction } from "../define-action";
import { actions } from "../registry";

setLogSink(() => {});

describe.each(testDrivers())("sign-in actions on %s", (driver) => {
  let fx: ClerkFixture;
  let store: Awaited<ReturnType<typeof useProcessTestStore>> | undefined;
  let db: Db;
  const saved = { ...process.env };
  const fresh: string[] = [];
  let adminId = "";

  beforeAll(async () => {
    store = await useProcessTestStore(driver);
    db = store.db;
    // 120 users: the seed gives one of them four sign-ins from four devices in the last two days.
    fx = await startClerkFixture({ seedUsers: 120 });
    adminId = fx.userIdByEmail("admin@example.com");
    for (let i = 0; i < 2; i++) {
      fresh.push((await fx.ctx.clerk.sessions.createSession({ userId: adminId })).id);
    }
    await backfillSignIns(fx.ctx.clerk, { db });
  });
  afterAll(async () => {
    await fx?.stop();
    await store?.close();
    process.env = { ...saved };
  });

  it("listSignIns: the last hour's sign-ins with the user's email, device, IP and place", async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const out = await runAction(actions.listSignIns, { from }, fx.ctx);
    expect(out.sign_ins.map((s) => s.session_id).sort()).toEqual([...fresh].sort());
    expect(out.total_count).toBe(2);
    for (const s of out.sign_ins) {
      expect(s).toMatchObject({ user_id: adminId, user_email: "admin@example.com", status: "active" });
      expect(s.city).toEqual(expect.any(String));
      expect(s.ip_address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
    const mine = await runAction(actions.listSignIns, { user_id: adminId, limit: 1 }, fx.ctx);
    expect(mine.sign_ins).toHaveLength(1);
    expect(mine.total_count).toBeGreaterThanOrEqual(3); // the seeded one from yesterday too
  });

  it("countSignInsPerDay: 14 days by default, every day listed, today's new sign-ins counted", async () => {
    const out = await runAction(actions.countSignInsPerDay, {}, fx.ctx);
    expect(out.days.length).toBeGreaterThanOrEqual(14);
    const today = new Date().toISOString().slice(0, 10);
    expect(out.days.at(-1)).toEqual({ day: today, count: expect.any(Number) });
    expect(out.days.at(-1)?.count).toBeGreaterThanOrEqual(2);
    expect(out.total).toBe(out.days.reduce((n, d) => n + d.count, 0));
  });

  it("listSuspiciousSignIns: the seeded roaming user, with places, devices and the email", async () => {
    const out = await runAction(actions.listSuspiciousSignIns, {}, fx.ctx);
    expect(out.more_than).toBe(2);
    expect(out.users.length).toBeGreaterThanOrEqual(1);
    const roamer = out.users[0];
    expect(roamer?.devices.length).toBeGreaterThan(2);
    expect(roamer?.user_email).toMatch(/@/);
    const strict = await runAction(actions.listSuspiciousSignIns, { more_than: 20 }, fx.ctx);
    expect(strict.users).toEqual([]);
  });

  it("listActiveSessions: every active session now, from Clerk, with the user's email and activity", async () => {
    const out = await runAction(actions.listActiveSessions, {}, fx.ctx);
    const ids = out.sessions.map((s) => s.id);
    for (const id of fresh) expect(ids).toContain(id);
    const one = out.sessions.find((s) => s.id === fresh[0]);
    expect(one).toMatchObject({ user_email: "admin@example.com", status: "active" });
    expect(one?.latest_activity?.city).toEqual(expect.any(String));
  });

  it("bad input is refused with a field error before anything is read", async () => {
    const backwards = await failure(
      runAction(actions.listSignIns, { from: "2026-02-01", to: "2026-01-01" }, fx.ctx),
    );
    expect(backwards).toMatchObject({ code: "validation_failed" });
    expect(backwards.fieldErrors?.to).toBeDefined();
    const zero = await failure(runAction(actions.listSuspiciousSignIns, { more_than: 0 }, fx.ctx));
    expect(zero.fieldErrors?.more_than).toBeDefined();
    const tooLong = await failure(runAction(actions.countSignInsPerDay, { from: "2000-01-01" }, fx.ctx));
    expect(tooLong.fieldErrors?.from).toBeDefined();
    const notAUser = await failure(runAction(actions.listSignIns, { user_id: "sess_x" }, fx.ctx));
    expect(notAUser.fieldErrors?.user_id).toBeDefined();
  });
});
