// The shared user filters: ISO dates -> Clerk's ms timestamps, validation, and every filter against a real
// Local Clerk (expected ids computed from its state by an independent predicate).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, setLogSink } from "@/lib/errors";
import type { UserRecord } from "@/local-clerk/src/state/types";
import { type ClerkFixture, settle, startClerkFixture } from "@/test/support/clerk-fixture";
import { parseInput, runAction } from "../define-action";
import { isoToMillis } from "../iso-date";
import { actions } from "../registry";
import { toClerkUserFilter } from "./user-filters";

setLogSink(() => {});

function fieldErrors(raw: unknown): Record<string, string[]> {
  try {
    parseInput(actions.listUsers, raw);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).fieldErrors ?? {};
  }
  throw new Error("expected validation_failed");
}

describe("isoToMillis", () => {
  it.each([
    ["2026-12-01", Date.UTC(2026, 11, 1)],
    ["2026-12-01T09:30:00Z", Date.UTC(2026, 11, 1, 9, 30)],
    ["2026-12-01T09:30:00.250Z", Date.UTC(2026, 11, 1, 9, 30, 0, 250)],
    ["2026-12-01T09:30", Date.UTC(2026, 11, 1, 9, 30)],
    ["2026-12-01 09:30:15", Date.UTC(2026, 11, 1, 9, 30, 15)],
    ["2026-12-01T09:30:00+02:00", Date.UTC(2026, 11, 1, 7, 30)],
    ["2026-12-01T09:30:00-0530", Date.UTC(2026, 11, 1, 15, 0)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ])("%s -> %d", (iso, ms) => {
    expect(isoToMillis(iso)).toBe(ms);
  });

  it.each([
    "",
    "yesterday",
    "1764547200000",
    "2026-02-30",
    "2025-02-29",
    "2026-13-01",
    "2026-12-01T24:00:00Z",
    "2026-12-01T09:60Z",
    "12/01/2026",
    "2026-12-01T09:30:00Z; DROP TABLE users",
  ])("refuses %j", (bad) => {
    expect(isoToMillis(bad)).toBeUndefined();
  });
});

describe("filter input", () => {
  it("a bad date is a field error that says what a good one looks like", () => {
    const errors = fieldErrors({ created_at_after: "last tuesday" });
    expect(errors.created_at_after?.[0]).toMatch(/ISO 8601 date \(2026-12-01\)/);
    expect(fieldErrors({ last_sign_in_at_before: "2026-02-30" })).toHaveProperty("last_sign_in_at_before");
    expect(fieldErrors({ last_active_at_after: 1764547200000 })).toHaveProperty("last_active_at_after");
  });

  it("a day copied bare from the model's tool data (a JSON number, 20261201) is that day", () => {
    const input = parseInput(actions.listUsers, { created_at_after: 20261201 });
    expect(input).toEqual({ created_at_after: "20261201" });
    expect(toClerkUserFilter(input)).toEqual({ createdAtAfter: Date.UTC(2026, 11, 1) });
    expect(parseInput(actions.listSignIns, { from: 20261201 })).toMatchObject({ from: "20261201" });
    expect(fieldErrors({ created_at_after: 20261301 })).toHaveProperty("created_at_after");
    expect(fieldErrors({ created_at_after: null })).toHaveProperty("created_at_after");
  });

  it("a range whose start is not before its end is refused, naming both ends", () => {
    const errors = fieldErrors({ created_at_after: "2026-12-02", created_at_before: "2026-12-01" });
    expect(errors.created_at_after?.[0]).toBe(
      "created_at_after must be earlier than created_at_before (users who signed up between the two).",
    );
    expect(
      parseInput(actions.countUsers, { created_at_after: "2026-12-01", created_at_before: "2026-12-02" }),
    ).toEqual({ created_at_after: "2026-12-01", created_at_before: "2026-12-02" });
  });

  it("organization ids, booleans and unknown fields are checked", () => {
    expect(fieldErrors({ organization_id: ["acme"] })).toHaveProperty("organization_id.0");
    expect(fieldErrors({ banned: "yes" })).toHaveProperty("banned");
    expect(fieldErrors({ phone: "+1555" })).toHaveProperty("_form");
    expect(parseInput(actions.listUsers, { organization_id: ["org_1", "-org_2"] })).toEqual({
      organization_id: ["org_1", "-org_2"],
    });
  });

  it("converts to the SDK's parameters: ms timestamps, lists, nothing undefined", () => {
    expect(
      toClerkUserFilter({
        banned: false,
        created_at_after: "2026-12-01",
        last_sign_in_at_before: "2026-12-01T12:00:00Z",
        username: "ann",
        external_id: ["crm_1", "crm_2"],
        email_address: "a@b.co",
        email_address_query: "@acme.com",
        query: "",
      }),
    ).toEqual({
      banned: "false",
      createdAtAfter: Date.UTC(2026, 11, 1),
      lastSignInAtBefore: Date.UTC(2026, 11, 1, 12),
      username: ["ann"],
      externalId: ["crm_1", "crm_2"],
      emailAddress: ["a@b.co"],
      emailAddressQuery: "@acme.com",
    });
  });
});

describe("every filter against Local Clerk", () => {
  let fx: ClerkFixture;
  let users: UserRecord[];
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    fx = await startClerkFixture({ seedUsers: 300 });
    const all = [...fx.lc.state.users.all()];
    for (const u of all.slice(10, 16)) fx.lc.state.users.setFlags(u.id, { banned: true });
    users = [...fx.lc.state.users.all()];
  });
  afterAll(() => fx.stop());

  const sorted = (list: { id: string }[]) => list.map((u) => u.id).sort();
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  async function expectFilter(input: Record<string, unknown>, keep: (u: UserRecord) => boolean) {
    const expected = users
      .filter(keep)
      .map((u) => u.id)
      .sort();
    expect(expected.length, "the case must select some users but not all").toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(users.length);
    const page = await runAction(actions.listUsers, { ...input, limit: 500 }, fx.ctx);
    expect(sorted(page.users)).toEqual(expected);
    expect(page.total_count).toBe(expected.length);
    const count = await runAction(actions.countUsers, input, fx.ctx);
    expect(count.total_count).toBe(expected.length);
  }

  it("banned true / false", async () => {
    await expectFilter({ banned: true }, (u) => u.banned);
    await expectFilter({ banned: false }, (u) => !u.banned);
  });

  it("created_at_after / before as ISO dates", async () => {
    const mid = median(users.map((u) => u.created_at));
    await expectFilter({ created_at_after: iso(mid) }, (u) => u.created_at > mid);
    await expectFilter({ created_at_before: iso(mid) }, (u) => u.created_at < mid);
  });

  it("last_sign_in_at and last_active_at ranges (never-signed-in users never match)", async () => {
    const signIns = users.flatMap((u) => (u.last_sign_in_at === null ? [] : [u.last_sign_in_at]));
    const s = median(signIns);
    await expectFilter(
      { last_sign_in_at_after: iso(s) },
      (u) => u.last_sign_in_at !== null && u.last_sign_in_at > s,
    );
    await expectFilter(
      { last_sign_in_at_before: iso(s) },
      (u) => u.last_sign_in_at !== null && u.last_sign_in_at < s,
    );
    const a = median(users.flatMap((u) => (u.last_active_at === null ? [] : [u.last_active_at])));
    await expectFilter(
      { last_active_at_after: iso(a) },
      (u) => u.last_active_at !== null && u.last_active_at > a,
    );
    await expectFilter(
      { last_active_at_before: iso(a) },
      (u) => u.last_active_at !== null && u.last_active_at < a,
    );
  });

  it("organization_id: members of an organization, and everyone but them", async () => {
    const org = [...fx.lc.state.organizations.orgs.all()][0];
    if (!org) throw new Error("the seed has organizations");
    const members = fx.lc.state.organizations.memberships.memberIds([org.id]);
    await expectFilter({ organization_id: [org.id] }, (u) => members.has(u.id));
    await expectFilter({ organization_id: [`-${org.id}`] }, (u) => !members.has(u.id));
  });

  it("email, name and username queries, exact usernames and external ids", async () => {
    const emailOf = (u: UserRecord) => u.emails.map((e) => e.email_address.toLowerCase());
    await expectFilter({ email_address_query: "@acme.com" }, (u) =>
      emailOf(u).some((e) => e.includes("@acme.com")),
    );
    const last = users.find((u) => u.last_name)?.last_name as string;
    await expectFilter({ name_query: last.toLowerCase() }, (u) =>
      [u.first_name, u.last_name].some((n) => n?.toLowerCase().includes(last.toLowerCase())),
    );
    const external = users.filter((u) => u.external_id).slice(0, 3);
    const ids = external.map((u) => u.external_id as string);
    await expectFilter({ external_id: ids }, (u) => u.external_id !== null && ids.includes(u.external_id));
    const named = users.find((u) => u.username);
    if (named) {
      await expectFilter({ username: named.username }, (u) => u.username === named.username);
      await expectFilter({ username_query: named.username?.slice(0, 4) }, (u) =>
        Boolean(u.username?.toLowerCase().includes(named.username?.slice(0, 4).toLowerCase() ?? "")),
      );
    }
  });

  it("exact phone numbers and a phone number query", async () => {
    const [a, b] = users.slice(20, 22) as [UserRecord, UserRecord];
    await fx.ctx.clerk.phoneNumbers.createPhoneNumber({ userId: a.id, phoneNumber: "+15550001111" });
    await fx.ctx.clerk.phoneNumbers.createPhoneNumber({ userId: b.id, phoneNumber: "+15550002222" });
    await expectFilter({ phone_number: "+15550001111" }, (u) => u.id === a.id);
    // Seeded users carry phone numbers too (+1555…): they match the query as well.
    await expectFilter(
      { phone_number_query: "55500" },
      (u) => u.id === a.id || u.id === b.id || !!u.phones?.some((p) => p.phone_number.includes("55500")),
    );
  });

  it("filters combine (AND): banned and signed up after a date; sent as ms timestamps", async () => {
    const mid = median(users.map((u) => u.created_at));
    const early = Math.min(...users.filter((u) => u.banned).map((u) => u.created_at)) - 1;
    await expectFilter(
      { banned: true, created_at_after: iso(early) },
      (u) => u.banned && u.created_at > early,
    );
    const seq = fx.mark();
    await runAction(actions.countUsers, { banned: false, created_at_after: iso(mid) }, fx.ctx);
    await settle();
    const [req] = fx.requestsSince(seq, { pathPrefix: "/v1/users/count" });
    const query = new URLSearchParams(req?.query ?? "");
    expect(query.get("banned")).toBe("false");
    expect(query.get("created_at_after")).toBe(String(mid));
  });
});
