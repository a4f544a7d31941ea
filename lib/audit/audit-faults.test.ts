// Fault test: real lib/clerk writes against Local Clerk failing with 500 / timeout, audited with withAudit.
// Every attempt is in the audit log exactly once, with its outcome, and only the successful write changed Clerk.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { proposeWrite, runAction } from "@/lib/clerk/define-action";
import { actions } from "@/lib/clerk/registry";
import { setLogSink } from "@/lib/errors";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase, testDrivers } from "@/test/support/db";
import { listAudit, withAudit } from "./audit";

setLogSink(() => {});
let fx: ClerkFixture;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 10, timeoutMs: 800 });
});
afterEach(() => fx.lc.faults.clear());
afterAll(() => fx.stop());

describe.each(testDrivers())("audited Clerk writes under faults on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function auditedMetadataWrite(userId: string, value: string) {
    const input = { user_id: userId, public_metadata: { fault_audit: value } };
    const proposal = await proposeWrite(actions.updateUserMetadata, input, fx.ctx);
    return withAudit(
      {
        actorUserId: "user_admin",
        actorEmail: "admin@example.com",
        source: "console",
        action: actions.updateUserMetadata.name,
        arguments: proposal.input,
        targetType: "user",
        targetId: userId,
        before: proposal.before,
        after: () => proposal.after,
      },
      () => runAction(actions.updateUserMetadata, proposal.input, fx.ctx),
      t.db,
    );
  }

  it("500, timeout and success: three entries, each with its own outcome, none missing or duplicated", async () => {
    const userId = fx.userIdByEmail("member@example.com");
    const tag = `fault_${driver}`;
    const seq = fx.mark();

    fx.lc.faults.configure([{ route: "PATCH /v1/users/*/metadata", kind: "500", count: 1 }]);
    await expect(auditedMetadataWrite(userId, `${tag}_500`)).rejects.toMatchObject({
      code: "upstream_unavailable",
    });

    fx.lc.faults.configure([
      { route: "PATCH /v1/users/*/metadata", kind: "timeout", count: 1, hangMs: 1500 },
    ]);
    await expect(auditedMetadataWrite(userId, `${tag}_timeout`)).rejects.toMatchObject({
      details: { timeout: true },
    });
    await new Promise((r) => setTimeout(r, 1600));

    fx.lc.faults.clear();
    await auditedMetadataWrite(userId, `${tag}_ok`);
    await settle();

    const { rows, total } = await listAudit({ target: userId, order: "asc", limit: 100 }, t.db);
    expect(total).toBe(3);
    expect(rows.map((r) => r.outcome)).toEqual(["error", "timeout", "ok"]);
    expect(
      rows.map((r) => (r.arguments as { public_metadata: { fault_audit: string } }).public_metadata),
    ).toEqual([
      { fault_audit: `${tag}_500` },
      { fault_audit: `${tag}_timeout` },
      { fault_audit: `${tag}_ok` },
    ]);
    expect(rows[0]).toMatchObject({ errorCode: "upstream_unavailable" });
    expect(rows[0]?.errorMessage).toMatch(/may or may not have been applied/);
    expect(rows[1]?.errorCode).toBeTruthy();
    expect(rows[2]).toMatchObject({
      errorCode: null,
      after: { public_metadata: { fault_audit: `${tag}_ok` } },
    });
    expect(rows.every((r) => r.completedAt !== null && r.before !== null)).toBe(true);

    // Clerk saw exactly one PATCH per attempt, and holds the successful value.
    expect(fx.requestsSince(seq, { method: "PATCH" })).toHaveLength(3);
    expect(fx.lc.state.users.get(userId)?.public_metadata).toMatchObject({ fault_audit: `${tag}_ok` });
  });
});
