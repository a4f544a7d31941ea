import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDrivers } from "@/test/support/db";
import { type AuditAttempt, recordAttempt, recordOutcome, withAudit } from "./audit";
import { checkUndo, stillAsWritten } from "./undo";

const write: AuditAttempt = {
  actorUserId: "user_admin",
  actorEmail: "admin@example.com",
  source: "console",
  action: "updateUserMetadata",
  arguments: { userId: "user_1", publicMetadata: { plan: "pro" } },
  targetType: "user",
  targetId: "user_1",
  before: { publicMetadata: { plan: "free", seats: 1 } },
};
const after = { publicMetadata: { seats: 1, plan: "pro" } };

describe("stillAsWritten", () => {
  it("compares only the recorded keys, ignoring key order", () => {
    expect(stillAsWritten(after, { publicMetadata: { plan: "pro", seats: 1 }, banned: false })).toBe(true);
    expect(stillAsWritten(after, { publicMetadata: { plan: "pro", seats: 2 } })).toBe(false);
    expect(stillAsWritten({ banned: true }, { banned: false, locked: false })).toBe(false);
    expect(stillAsWritten(true, true)).toBe(true);
  });
});

describe.each(testDrivers())("undo conflict detection on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function okEntry(): Promise<string> {
    const id = await recordAttempt(write, t.db);
    await recordOutcome(id, { outcome: "ok", after }, t.db);
    return id;
  }

  it("allows undo while the target still shows the entry's result, restoring its before-state", async () => {
    const id = await okEntry();
    const check = await checkUndo(id, async () => ({ publicMetadata: { plan: "pro", seats: 1 } }), t.db);
    expect(check).toMatchObject({ ok: true, restore: write.before, expected: after });
  });

  it("refuses when someone changed the target since, naming what changed", async () => {
    const id = await okEntry();
    const check = await checkUndo(
      id,
      async () => ({ publicMetadata: { plan: "enterprise", seats: 1 } }),
      t.db,
    );
    expect(check).toMatchObject({ ok: false, code: "changed_since" });
    if (!check.ok) expect(check.message).toMatch(/changed since this entry \(publicMetadata\.plan\)/);
  });

  it("compares only the relevant part of the entry's after-state when asked to", async () => {
    const id = await okEntry();
    const relevant = () => ({ publicMetadata: after.publicMetadata });
    const current = async () => ({ publicMetadata: after.publicMetadata, updated_at: 99 });
    expect((await checkUndo(id, current, t.db, { relevant })).ok).toBe(true);
  });

  it("refuses a second undo once one succeeded or is in progress, but allows it after a failed undo", async () => {
    const id = await okEntry();
    const current = async () => after;
    const failed = withAudit(
      { ...write, source: "undo", undoOf: id, before: after },
      async () => {
        throw new Error("Clerk 500");
      },
      t.db,
    );
    await expect(failed).rejects.toThrow("Clerk 500");
    expect((await checkUndo(id, current, t.db)).ok).toBe(true);

    const pending = await recordAttempt({ ...write, source: "undo", undoOf: id, before: after }, t.db);
    expect(await checkUndo(id, current, t.db)).toMatchObject({ ok: false, code: "already_undone" });
    await recordOutcome(pending, { outcome: "ok", after: write.before }, t.db);
    const again = await checkUndo(id, current, t.db);
    expect(again).toMatchObject({ ok: false, code: "already_undone" });
    if (!again.ok) expect(again.message).toMatch(/already undone/);
  });

  it("refuses entries that failed, have no recorded state, or do not exist", async () => {
    const failed = await recordAttempt(write, t.db);
    await recordOutcome(failed, { outcome: "error", errorCode: "x" }, t.db);
    expect(await checkUndo(failed, async () => after, t.db)).toMatchObject({
      ok: false,
      code: "not_succeeded",
    });
    const stateless = await recordAttempt({ ...write, before: undefined }, t.db);
    await recordOutcome(stateless, { outcome: "ok" }, t.db);
    expect(await checkUndo(stateless, async () => after, t.db)).toMatchObject({
      ok: false,
      code: "not_undoable",
    });
    expect(await checkUndo("00000000-0000-4000-8000-000000000000", async () => after, t.db)).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});
