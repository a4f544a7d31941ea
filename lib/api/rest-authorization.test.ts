import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionList } from "@/lib/clerk/registry";
import { approvals } from "@/lib/db/schema";
import { setLogSink } from "@/lib/errors";
import { BULK_JOB_TOOL } from "@/lib/jobs/bulk-tool";
import { settle } from "@/test/support/clerk-fixture";
import { type RestFixture, startRestFixture } from "@/test/support/rest-fixture";
import { inputJsonSchema } from "./schemas";

// The authorization matrix at runtime, over every action of the registry (so a new action is covered
// the day it is registered): a viewer's token reads (200) and is refused every write (403), a token
// whose owner has no console role is refused everything (403), no token gets 401; none of it writes
// to Clerk or proposes anything.

let rf: RestFixture;
let memberId = "";
let orgId = "";
const tokens = { viewer: "", member: "" };

beforeAll(async () => {
  setLogSink(() => {});
  rf = await startRestFixture(10);
  memberId = rf.fx.userIdByEmail("member@example.com");
  orgId = (await rf.fx.ctx.clerk.organizations.getOrganizationList({ limit: 1 })).data[0]?.id ?? "";
  tokens.viewer = await rf.tokenFor(rf.seeded("viewer@example.com", "viewer"), "read");
  // Issued while the member was taken for a viewer: the owner's role is looked up again on every call.
  tokens.member = await rf.tokenFor(rf.seeded("member@example.com", "viewer"), "read");
});

afterAll(async () => {
  await rf?.stop();
});

/** Inputs a schema's required ids cannot tell (one of two fields, a condition). */
const EXTRA_INPUT: Record<string, () => Record<string, unknown>> = {
  getOrganization: () => ({ organization_id: orgId }),
  searchUsersByMetadata: () => ({ where: [{ key: "plan", op: "exists" }] }),
};
/** A fresh store has no change to undo: proposeUndo answers not_found, which is an answer, not a refusal. */
const VIEWER_READ_STATUS: Record<string, number> = { proposeUndo: 404 };

/** Ids the action's schema asks for, filled with seeded records so a permitted read can answer 200. */
function inputFor(name: string): Record<string, unknown> {
  const action = actionList.find((a) => a.name === name);
  const required = action ? ((inputJsonSchema(action).required ?? []) as string[]) : [];
  const known: Record<string, unknown> = { user_id: memberId, organization_id: orgId };
  return {
    ...Object.fromEntries(required.filter((k) => k in known).map((k) => [k, known[k]])),
    ...EXTRA_INPUT[name]?.(),
  };
}

const call = (name: string, token: string | null) =>
  rf.callAction(name, token, JSON.stringify(inputFor(name)));

const reads = actionList.filter((a) => a.kind === "read").map((a) => a.name);
const writes = [...actionList.filter((a) => a.kind === "write").map((a) => a.name), BULK_JOB_TOOL];

describe("REST authorization matrix over every registry action", () => {
  it("found the registry's reads and writes", () => {
    expect(reads.length).toBeGreaterThan(10);
    expect(writes.length).toBeGreaterThan(20);
  });

  it.each(reads)(
    "read %s: viewer 200, role-less owner 403, no token 401",
    { timeout: 90_000 },
    async (name) => {
      expect((await call(name, tokens.viewer)).status).toBe(VIEWER_READ_STATUS[name] ?? 200);
      expect((await call(name, tokens.member)).status).toBe(403);
      expect((await call(name, null)).status).toBe(401);
    },
  );

  it.each(writes)(
    "write %s: viewer 403, role-less owner 403, no token 401; nothing written",
    async (name) => {
      const mark = rf.fx.mark();
      for (const [token, status] of [
        [tokens.viewer, 403],
        [tokens.member, 403],
        [null, 401],
      ] as const) {
        const res = await call(name, token);
        expect(res.status, String(token?.slice(0, 8))).toBe(status);
        expect((await res.json()).error.code).toBe(status === 401 ? "unauthenticated" : "forbidden");
      }
      await settle();
      expect(rf.fx.requestsSince(mark).filter((e) => e.method !== "GET")).toEqual([]);
      expect(await rf.tdb.db.select({ id: approvals.id }).from(approvals)).toEqual([]);
    },
  );
});
