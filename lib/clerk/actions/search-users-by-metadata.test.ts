// searchUsersByMetadata against a real Local Clerk and a real store (PGlite and PostgreSQL): every
// operator on public (index) and private (scan) metadata, combined with Clerk filters, and what it says
// when the index is behind. Expected users come from Local Clerk's state by hand-written predicates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, setLogSink } from "@/lib/errors";
import { resyncMetadataIndex } from "@/lib/webhooks/metadata-index";
import type { UserRecord } from "@/local-clerk/src/state/types";
import { type ClerkFixture, startClerkFixture } from "@/test/support/clerk-fixture";
import { testDrivers, useProcessTestStore } from "@/test/support/db";
import { parseInput, runAction } from "../define-action";
import { actions } from "../registry";

setLogSink(() => {});
const search = actions.searchUsersByMetadata;

function fieldErrors(raw: unknown): Record<string, string[]> {
  try {
    parseInput(search, raw);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).fieldErrors ?? {};
  }
  throw new Error("expected validation_failed");
}

describe("searchUsersByMetadata input", () => {
  it("refuses predicates that cannot mean anything", () => {
    expect(fieldErrors({ where: [] })).toHaveProperty("where");
    expect(fieldErrors({ where: [{ key: "plan", op: "eq" }] })).toHaveProperty("where.0.value");
    expect(fieldErrors({ where: [{ key: "plan", op: "exists", value: "x" }] })).toHaveProperty(
      "where.0.value",
    );
    expect(fieldErrors({ where: [{ key: "seats", op: "gt", value: true }] })).toHaveProperty("where.0.value");
    expect(fieldErrors({ where: [{ key: "plan", op: "like", value: "x" }] })).toHaveProperty("where.0.op");
    expect(fieldErrors({ where: [{ key: "a\u0000b", op: "exists" }] })).toHaveProperty("where.0.key");
    expect(fieldErrors({ where: [{ key: "plan", op: "exists" }], created_at_after: "soon" })).toHaveProperty(
      "created_at_after",
    );
  });
});

describe.each(testDrivers())("searchUsersByMetadata on %s", (driver) => {
  let fx: ClerkFixture;
  let store: Awaited<ReturnType<typeof useProcessTestStore>>;
  let users: UserRecord[];
  const saved = { ...process.env };

  beforeAll(async () => {
    fx = await startClerkFixture({ seedUsers: 150 });
    store = await useProcessTestStore(driver);
    const all = [...fx.lc.state.users.all()];
    all.forEach((u, i) => {
      const pub = i % 3 === 0 ? { score: i, beta: i % 2 === 0, tags: ["a", `t${i % 4}`] } : {};
      fx.lc.state.users.mergeMetadata(u.id, { publicMetadata: { ...pub, billing: { tier: i % 5 } } });
    });
    for (const u of all.filter((u) => u.public_metadata.plan === "pro").slice(0, 5))
      fx.lc.state.users.setFlags(u.id, { banned: true });
    users = [...fx.lc.state.users.all()];
    await resyncMetadataIndex(fx.ctx.clerk, { db: store.db });
  });
  afterAll(async () => {
    await store.close();
    await fx.stop();
    process.env = saved;
  });

  const ids = (list: { id: string }[]) => list.map((u) => u.id).sort();
  const pub = (u: UserRecord, k: string) => u.public_metadata[k];

  async function expectMatch(input: Record<string, unknown>, keep: (u: UserRecord) => boolean) {
    const expected = users.filter(keep);
    expect(expected.length, "the case must select some users but not all").toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(users.length);
    const result = await runAction(search, { ...input, limit: 500 }, fx.ctx);
    expect(result.total_count).toBe(expected.length);
    expect(ids(result.users)).toEqual(ids(expected));
    return result;
  }

  it("eq (text, case-insensitive), ne (also users without the key), exists", async () => {
    const r = await expectMatch(
      { where: [{ key: "plan", op: "eq", value: "PRO" }] },
      (u) => pub(u, "plan") === "pro",
    );
    expect(r).toMatchObject({ source: "index", index: { behind: false, stale_rows_dropped: 0 } });
    await expectMatch({ where: [{ key: "score", op: "ne", value: 0 }] }, (u) => pub(u, "score") !== 0);
    await expectMatch({ where: [{ key: "score", op: "exists" }] }, (u) => pub(u, "score") !== undefined);
  });

  it("numeric and boolean compares; nested keys by dotted path", async () => {
    await expectMatch(
      { where: [{ key: "score", op: "gt", value: 60 }] },
      (u) => (pub(u, "score") as number) > 60,
    );
    await expectMatch(
      { where: [{ key: "score", op: "lte", value: 30 }] },
      (u) => (pub(u, "score") as number) <= 30,
    );
    await expectMatch({ where: [{ key: "beta", op: "eq", value: true }] }, (u) => pub(u, "beta") === true);
    await expectMatch(
      { where: [{ key: "billing.tier", op: "gte", value: 3 }] },
      (u) => ((u.public_metadata.billing as { tier: number }).tier ?? -1) >= 3,
    );
  });

  it("contains: a substring of text, an element of an array; several predicates AND", async () => {
    const company = String(pub(users[0] as UserRecord, "company"));
    const part = company.slice(1, 4).toUpperCase();
    await expectMatch({ where: [{ key: "company", op: "contains", value: part }] }, (u) =>
      String(pub(u, "company") ?? "")
        .toLowerCase()
        .includes(part.toLowerCase()),
    );
    await expectMatch(
      {
        where: [
          { key: "tags", op: "contains", value: "t2" },
          { key: "score", op: "lt", value: 100 },
        ],
      },
      (u) =>
        ((pub(u, "tags") as string[] | undefined) ?? []).includes("t2") && (pub(u, "score") as number) < 100,
    );
  });

  it("combined with Clerk's filters: banned pro users, pro users who signed up after a date", async () => {
    await expectMatch(
      { where: [{ key: "plan", op: "eq", value: "pro" }], banned: true },
      (u) => u.banned && pub(u, "plan") === "pro",
    );
    const created = users.map((u) => u.created_at).sort((a, b) => a - b);
    const mid = created[Math.floor(created.length / 2)] as number;
    await expectMatch(
      { where: [{ key: "plan", op: "eq", value: "pro" }], created_at_after: new Date(mid).toISOString() },
      (u) => u.created_at > mid && pub(u, "plan") === "pro",
    );
  });

  it("private metadata is checked on Clerk's users (a complete scan)", async () => {
    const r = await expectMatch(
      { metadata: "private", where: [{ key: "seats", op: "gte", value: 25 }] },
      (u) => typeof u.private_metadata.seats === "number" && u.private_metadata.seats >= 25,
    );
    expect(r).toMatchObject({ source: "clerk", scan: { complete: true, clerk_users: users.length } });
  });

  it("pages: total_count is all matches, users one page", async () => {
    const all = await runAction(search, { where: [{ key: "score", op: "exists" }], limit: 500 }, fx.ctx);
    const page = await runAction(
      search,
      { where: [{ key: "score", op: "exists" }], limit: 5, offset: 5 },
      fx.ctx,
    );
    expect(page.total_count).toBe(all.total_count);
    expect(page.users.map((u) => u.id)).toEqual(all.users.slice(5, 10).map((u) => u.id));
  });

  it("says so when the index is behind Clerk, and never lists a user Clerk no longer agrees with", async () => {
    const pro = users.find((u) => pub(u, "plan") === "pro" && !u.banned) as UserRecord;
    // Changes Local Clerk makes without a webhook reaching the index.
    fx.lc.state.users.mergeMetadata(pro.id, { publicMetadata: { plan: "free" } });
    fx.lc.state.users.create({
      emailAddresses: ["late-arrival@example.com"],
      publicMetadata: { plan: "pro" },
    });
    const r = await runAction(
      search,
      { where: [{ key: "plan", op: "eq", value: "pro" }], limit: 500 },
      fx.ctx,
    );
    expect(r.users.map((u) => u.id)).not.toContain(pro.id);
    expect(r).toMatchObject({
      source: "index",
      index: {
        behind: true,
        stale_rows_dropped: 1,
        clerk_users: users.length + 1,
        indexed_users: users.length,
      },
    });
    expect(r.source === "index" && r.index.note).toMatch(/does not match Clerk/);
  });
});
