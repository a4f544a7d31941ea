// The users table's status/date/organization filters: URL -> view -> listUsers input, and the
// locked/active scan, checked against a real Local Clerk (expected rows from its state).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportHref } from "@/components/users/users-toolbar";
import { listUsers } from "@/lib/clerk/actions/list-users";
import { runAction } from "@/lib/clerk/define-action";
import { setLogSink } from "@/lib/errors";
import type { UserRecord } from "@/local-clerk/src/state/types";
import { type ClerkFixture, startClerkFixture } from "@/test/support/clerk-fixture";
import { usersCsvStream } from "./csv";
import { usersFiltersToParams } from "./users-filters";
import { scanningPageSource, scanUsers, statusCheck } from "./users-scan";
import { loadUsersSearchParams, normalizeUsersView, usersViewFilters } from "./users-view";

setLogSink(() => {});
/** The id column (first) of every data row. */
async function csvUsers(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  return text
    .split("\r\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(",")[0] as string);
}

const view = (qs: string) => normalizeUsersView(loadUsersSearchParams(new URLSearchParams(qs)));

describe("filters in the URL", () => {
  it("reads status, organization and whole-day ranges; both ends inclusive", () => {
    const v = view(
      "status=banned&org=org_abc&created_from=2026-11-01&created_to=2026-11-30&signin_to=2026-12-01",
    );
    expect(v.filters).toEqual({
      status: "banned",
      org: "org_abc",
      ranges: { created: { from: "2026-11-01", to: "2026-11-30" }, signin: { to: "2026-12-01" } },
    });
    expect(usersViewFilters(v)).toEqual({
      banned: true,
      organization_id: ["org_abc"],
      created_at_after: "2026-10-31T23:59:59.999Z",
      created_at_before: "2026-12-01T00:00:00.000Z",
      last_sign_in_at_before: "2026-12-02T00:00:00.000Z",
    });
  });

  it("ignores what is malformed instead of failing the page", () => {
    const v = view(
      "status=deleted&org=acme&created_from=2026-02-30&active_to=yesterday&signin_from=2026-1-1",
    );
    expect(v.filters).toEqual({ ranges: {} });
    expect(usersViewFilters(v)).toEqual({});
  });

  it("active and locked are not banned to Clerk, then checked on the users", () => {
    expect(usersFiltersToParams({ status: "active", ranges: {} })).toEqual({ banned: false });
    expect(usersFiltersToParams({ status: "locked", ranges: {} })).toEqual({ banned: false });
    expect(statusCheck("banned")).toBeUndefined();
    expect(statusCheck(undefined)).toBeUndefined();
  });

  it("the export link carries every filter and nothing else", () => {
    const href = exportHref({
      q: "",
      email: "",
      sort: "-created_at",
      cols: "plan",
      page: 3,
      mk: "plan",
      status: "banned",
      created_from: "2026-11-06",
      org: "",
    });
    expect(href).toBe("/api/export/users?sort=-created_at&cols=plan&status=banned&created_from=2026-11-06");
  });
});

describe("against Local Clerk", () => {
  let fx: ClerkFixture;
  let users: UserRecord[];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  beforeAll(async () => {
    fx = await startClerkFixture({ seedUsers: 300 });
    const all = [...fx.lc.state.users.all()];
    for (const u of all.slice(0, 4)) fx.lc.state.users.setFlags(u.id, { banned: true });
    for (const u of all.slice(4, 9)) fx.lc.state.users.setFlags(u.id, { locked: true });
    users = [...fx.lc.state.users.all()];
  });
  afterAll(() => fx.stop());

  const page = (qs: string) => {
    const filters = { ...usersViewFilters(view(qs)), order_by: view(qs).sort };
    return (offset: number, limit: number) => runAction(listUsers, { ...filters, offset, limit }, fx.ctx);
  };
  const ids = (list: { id: string }[]) => list.map((u) => u.id).sort();
  const check = (status: string) => {
    const keep = statusCheck(status);
    if (!keep) throw new Error(`${status} needs a scan`);
    return keep;
  };

  it("banned + signed up in a day range: exactly Local Clerk's users", async () => {
    const banned = users.filter((u) => u.banned);
    const from = day(Math.min(...banned.map((u) => u.created_at)));
    const to = day(Math.max(...banned.slice(1).map((u) => u.created_at)));
    const startMs = Date.parse(`${from}T00:00:00Z`);
    const endMs = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
    const expected = users.filter((u) => u.banned && u.created_at >= startMs && u.created_at < endMs);
    expect(expected.length).toBeGreaterThan(0);
    const result = await page(`status=banned&created_from=${from}&created_to=${to}`)(0, 500);
    expect(ids(result.users)).toEqual(ids(expected));
    expect(result.total_count).toBe(expected.length);
  });

  it("locked and active scan every page of Clerk's result", async () => {
    const locked = await scanUsers(page("status=locked"), check("locked"), 10_000);
    expect(ids(locked.users)).toEqual(ids(users.filter((u) => u.locked && !u.banned)));
    expect(locked.scanned).toBe(locked.clerkTotal);
    const active = await scanUsers(page("status=active"), check("active"), 10_000);
    expect(ids(active.users)).toEqual(ids(users.filter((u) => !u.locked && !u.banned)));
  });

  it("a capped scan says how far it got", async () => {
    const result = await scanUsers(page("status=active"), check("active"), 100);
    expect(result.scanned).toBe(100);
    expect(result.clerkTotal).toBe(users.filter((u) => !u.banned).length);
  });

  it("the CSV of a locked view holds exactly the locked users, across small pages", async () => {
    const source = scanningPageSource(page("status=locked&sort=%2Bemail_address"), check("locked"));
    const stream = usersCsvStream({ fetchPage: source, metadataKeys: ["plan"], pageSize: 2 });
    const rows = await csvUsers(stream);
    expect(rows.sort()).toEqual(ids(users.filter((u) => u.locked && !u.banned)));
  });
});
