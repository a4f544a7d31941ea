import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDrivers } from "@/test/support/db";
import {
  type AuditAttempt,
  AuditError,
  getAuditEntry,
  iterateAudit,
  listAudit,
  recordAttempt,
  recordOutcome,
  withAudit,
} from "./audit";

const base: AuditAttempt = {
  actorUserId: "user_admin",
  actorEmail: "admin@example.com",
  source: "console",
  action: "updateUserMetadata",
  arguments: { userId: "user_1", publicMetadata: { plan: "pro" } },
  targetType: "user",
  targetId: "user_1",
  targetLabel: "Jane <jane@acme.com>",
  before: { publicMetadata: { plan: "free" } },
};

class FakeClerkError extends Error {
  status = 422;
  clerkTraceId = "trace_123";
  errors = [{ code: "form_param_invalid", message: "metadata too large" }];
}

describe.each(testDrivers())("audit log on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("records the attempt as pending before the write, then its outcome", async () => {
    const id = await recordAttempt({ ...base, prompt: "set plan=pro", chatId: "chat_1" }, t.db);
    const pending = await getAuditEntry(id, t.db);
    expect(pending).toMatchObject({
      outcome: "pending",
      completedAt: null,
      prompt: "set plan=pro",
      chatId: "chat_1",
    });
    expect(pending?.arguments).toEqual(base.arguments);
    await recordOutcome(id, { outcome: "ok", after: { publicMetadata: { plan: "pro" } } }, t.db);
    const done = await getAuditEntry(id, t.db);
    expect(done).toMatchObject({ outcome: "ok", after: { publicMetadata: { plan: "pro" } } });
    expect(done?.completedAt).toBeInstanceOf(Date);
    expect(done!.completedAt!.getTime()).toBeGreaterThanOrEqual(done!.createdAt.getTime());
  });

  it("refuses a second outcome for the same attempt, even when two race", async () => {
    const id = await recordAttempt(base, t.db);
    const results = await Promise.allSettled([
      recordOutcome(id, { outcome: "ok" }, t.db),
      recordOutcome(id, { outcome: "error", errorCode: "x" }, t.db),
      recordOutcome(id, { outcome: "timeout" }, t.db),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(AuditError);
        expect((r.reason as AuditError).code).toBe("outcome_already_recorded");
      }
    }
    const again = recordOutcome(id, { outcome: "ok" }, t.db);
    await expect(again).rejects.toThrow(/already has outcome/);
  });

  it("refuses outcomes for unknown ids and invalid entries with clear errors", async () => {
    await expect(
      recordOutcome("00000000-0000-4000-8000-000000000000", { outcome: "ok" }, t.db),
    ).rejects.toThrow(/not found/);
    await expect(recordOutcome("not-a-uuid", { outcome: "ok" }, t.db)).rejects.toThrow(/not found/);
    // biome-ignore lint/suspicious/noExplicitAny: invalid input on purpose
    await expect(recordAttempt({ ...base, source: "hacker" as any }, t.db)).rejects.toThrow(/source/);
    await expect(recordAttempt({ ...base, actorUserId: "" }, t.db)).rejects.toThrow(/actorUserId/);
    // biome-ignore lint/suspicious/noExplicitAny: invalid input on purpose
    await expect(recordOutcome("x", { outcome: "pending" as any }, t.db)).rejects.toThrow(/outcome/);
  });

  it("withAudit records ok with the derived after-state and returns the result", async () => {
    const result = await withAudit(
      { ...base, after: (r: { plan: string }) => ({ publicMetadata: r }) },
      async (auditId) => {
        expect((await getAuditEntry(auditId, t.db))?.outcome).toBe("pending");
        return { plan: "pro" };
      },
      t.db,
    );
    expect(result).toEqual({ plan: "pro" });
    const { rows } = await listAudit({ outcome: "ok", limit: 1 }, t.db);
    expect(rows[0]?.after).toEqual({ publicMetadata: { plan: "pro" } });
  });

  it("withAudit records a failed write with Clerk's code and trace id, and rethrows the same error", async () => {
    const err = new FakeClerkError("Unprocessable");
    let auditId = "";
    await expect(
      withAudit(
        { ...base, action: "failingWrite" },
        async (id) => {
          auditId = id;
          throw err;
        },
        t.db,
      ),
    ).rejects.toBe(err);
    expect(await getAuditEntry(auditId, t.db)).toMatchObject({
      outcome: "error",
      errorCode: "form_param_invalid",
      errorMessage: "metadata too large",
      clerkTraceId: "trace_123",
      after: null,
    });
  });

  it("withAudit records a timed-out write as timeout", async () => {
    let auditId = "";
    await expect(
      withAudit(
        { ...base, action: "slowWrite" },
        async (id) => {
          auditId = id;
          const signal = AbortSignal.timeout(5);
          await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
        },
        t.db,
      ),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    expect(await getAuditEntry(auditId, t.db)).toMatchObject({ outcome: "timeout", errorCode: "timeout" });
  });

  it("20 parallel writers lose no rows and every attempt gets exactly one outcome", async () => {
    const action = `concurrent_${driver}`;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        withAudit(
          { ...base, action, targetId: `user_${i}`, arguments: { i } },
          async () => {
            await new Promise((r) => setTimeout(r, Math.random() * 20));
            if (i % 5 === 0) throw new Error(`boom ${i}`);
            return i;
          },
          t.db,
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(16);
    const { rows, total } = await listAudit({ action, limit: 100 }, t.db);
    expect(total).toBe(20);
    expect(new Set(rows.map((r) => r.targetId)).size).toBe(20);
    expect(rows.filter((r) => r.outcome === "ok")).toHaveLength(16);
    expect(rows.filter((r) => r.outcome === "error")).toHaveLength(4);
    expect(rows.every((r) => r.completedAt !== null)).toBe(true);
  });

  it("filters by actor, source, action, target and time range, newest first, with paging", async () => {
    const tag = `filter_${driver}`;
    const from = new Date(Date.now() - 1000);
    for (const [i, source] of (["console", "agent", "mcp", "agent"] as const).entries()) {
      const id = await recordAttempt(
        {
          ...base,
          source,
          action: tag,
          actorUserId: i === 3 ? "user_other" : "user_admin",
          actorEmail: i === 3 ? "other@example.com" : "admin@example.com",
          targetId: `user_t${i}`,
          targetLabel: `t${i}@acme.com`,
        },
        t.db,
      );
      await recordOutcome(id, { outcome: "ok" }, t.db);
    }
    expect((await listAudit({ action: tag }, t.db)).total).toBe(4);
    expect((await listAudit({ action: tag, source: "agent" }, t.db)).total).toBe(2);
    expect((await listAudit({ action: tag, actor: "user_other" }, t.db)).total).toBe(1);
    expect((await listAudit({ action: tag, actor: "OTHER@example" }, t.db)).total).toBe(1);
    expect((await listAudit({ action: tag, target: "user_t2" }, t.db)).rows[0]?.targetLabel).toBe(
      "t2@acme.com",
    );
    expect((await listAudit({ action: tag, target: "t1@acme" }, t.db)).total).toBe(1);
    expect((await listAudit({ action: tag, target: "%" }, t.db)).total).toBe(0);
    expect((await listAudit({ action: tag, from }, t.db)).total).toBe(4);
    expect((await listAudit({ action: tag, to: from }, t.db)).total).toBe(0);
    const page = await listAudit({ action: tag, limit: 3, offset: 0 }, t.db);
    const rest = await listAudit({ action: tag, limit: 3, offset: 3 }, t.db);
    expect(page.rows).toHaveLength(3);
    expect(rest.rows).toHaveLength(1);
    expect(page.rows[0]?.targetId).toBe("user_t3");
    const all: string[] = [];
    for await (const row of iterateAudit({ action: tag }, t.db, 2)) all.push(row.targetId ?? "");
    expect(all).toEqual(["user_t0", "user_t1", "user_t2", "user_t3"]);
  });

  it("links an undo to the entry it reverts", async () => {
    const original = await recordAttempt(base, t.db);
    await recordOutcome(original, { outcome: "ok", after: { publicMetadata: { plan: "pro" } } }, t.db);
    const undo = await recordAttempt(
      { ...base, source: "undo", undoOf: original, before: { publicMetadata: { plan: "pro" } } },
      t.db,
    );
    const { rows } = await listAudit({ undoOf: original }, t.db);
    expect(rows.map((r) => r.id)).toEqual([undo]);
  });
});
