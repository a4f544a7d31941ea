import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClerkClientFor } from "@/lib/clerk/client";
import { LOCAL_SECRET_KEY } from "@/local-clerk/src/app-env";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { auditNames } from "./audit-names";

describe("audit names", () => {
  let fx: ClerkFixture;
  beforeAll(async () => {
    fx = await startClerkFixture();
  });
  afterAll(() => fx.stop());

  it("names an approver who is no actor on the page from Clerk, and reads Clerk only for those", async () => {
    const admin = fx.userIdByEmail("admin@example.com");
    const support = fx.userIdByEmail("support@example.com");
    const rows = [
      { actorUserId: support, actorEmail: "support@example.com", approverUserId: admin },
      { actorUserId: support, actorEmail: "support@example.com", approverUserId: support },
      { actorUserId: admin, actorEmail: null, approverUserId: null },
    ];
    const mark = fx.mark();
    const names = await auditNames(rows, fx.ctx.clerk);
    expect(names.get(admin)).toBe("admin@example.com");
    expect(names.get(support)).toBe("support@example.com");
    await settle();
    // The SDK's list call also counts (/v1/users/count): the list itself is read once.
    const reads = fx.requestsSince(mark, { method: "GET" }).filter((r) => r.path === "/v1/users");
    expect(reads).toHaveLength(1);
    expect(reads[0]?.query).toContain(admin);
  });

  it("keeps ids when Clerk cannot answer", async () => {
    const down = createClerkClientFor({ apiUrl: "http://127.0.0.1:9", secretKey: LOCAL_SECRET_KEY });
    const names = await auditNames(
      [{ actorUserId: "user_a", actorEmail: null, approverUserId: "user_b" }],
      down,
    );
    expect(names.size).toBe(0);
  });
});
