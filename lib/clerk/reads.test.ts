// Read actions against a real Local Clerk over HTTP with the real @clerk/backend client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLogSink } from "@/lib/errors";
import {
  type ClerkFixture,
  failure,
  MISSING_USER,
  settle,
  startClerkFixture,
} from "@/test/support/clerk-fixture";
import { runAction } from "./define-action";
import { actions } from "./registry";

setLogSink(() => {});
let fx: ClerkFixture;

beforeAll(async () => {
  fx = await startClerkFixture({ seedUsers: 40 });
});
afterAll(() => fx.stop());

describe("reads", () => {
  it("getUser returns the compact projection", async () => {
    const id = fx.userIdByEmail("admin@example.com");
    const user = await runAction(actions.getUser, { user_id: id }, fx.ctx);
    expect(user).toMatchObject({
      id,
      primary_email: "admin@example.com",
      email_addresses: ["admin@example.com"],
      banned: false,
      locked: false,
      public_metadata: { role: "admin" },
    });
    expect(Object.keys(user).sort()).toEqual(
      [
        "banned",
        "created_at",
        "email_addresses",
        "first_name",
        "id",
        "last_active_at",
        "last_name",
        "last_sign_in_at",
        "locked",
        "primary_email",
        "private_metadata",
        "public_metadata",
        "unsafe_metadata",
        "updated_at",
      ].sort(),
    );
  });

  it("getUser: a missing user is not_found, a malformed id never reaches Clerk", async () => {
    const e = await failure(runAction(actions.getUser, { user_id: MISSING_USER }, fx.ctx));
    expect(e).toMatchObject({
      code: "not_found",
      status: 404,
      message: `User ${MISSING_USER} was not found.`,
    });
    const seq = fx.mark();
    const bad = await failure(runAction(actions.getUser, { user_id: "user_../../users" }, fx.ctx));
    expect(bad.code).toBe("validation_failed");
    await settle();
    expect(fx.requestsSince(seq)).toHaveLength(0);
  });

  it("listUsers pages, counts and sorts with exactly two concurrent requests", async () => {
    const total = fx.lc.state.users.size;
    const seq = fx.mark();
    const page = await runAction(actions.listUsers, { limit: 5, order_by: "+email_address" }, fx.ctx);
    await settle();
    expect(page.total_count).toBe(total);
    expect(page.users).toHaveLength(5);
    const emails = page.users.map((u) => u.primary_email ?? "");
    expect(emails).toEqual([...emails].sort((a, b) => a.localeCompare(b)));
    expect(
      fx
        .requestsSince(seq)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(["GET /v1/users", "GET /v1/users/count"]);
  });

  it("listUsers: default limit 10, offset past the end, email filter as string or list, query", async () => {
    expect((await runAction(actions.listUsers, {}, fx.ctx)).users).toHaveLength(10);
    const past = await runAction(actions.listUsers, { offset: 10_000 }, fx.ctx);
    expect(past).toEqual({ users: [], total_count: fx.lc.state.users.size });
    const one = await runAction(actions.listUsers, { email_address: "viewer@example.com" }, fx.ctx);
    expect(one.users.map((u) => u.primary_email)).toEqual(["viewer@example.com"]);
    const two = await runAction(
      actions.listUsers,
      { email_address: ["viewer@example.com", "member@example.com"], order_by: "+email_address" },
      fx.ctx,
    );
    expect(two.users.map((u) => u.primary_email)).toEqual(["member@example.com", "viewer@example.com"]);
    const q = await runAction(actions.listUsers, { query: "admin@exa" }, fx.ctx);
    expect(q.users.map((u) => u.primary_email)).toContain("admin@example.com");
    expect(q.total_count).toBe(q.users.length);
  });

  it("listUsers: user_id filter returns exactly those users, combined with sort and paging", async () => {
    const ids = ["admin@example.com", "viewer@example.com", "member@example.com"].map((e) =>
      fx.userIdByEmail(e),
    );
    const r = await runAction(
      actions.listUsers,
      { user_id: [...ids, MISSING_USER], order_by: "+email_address", limit: 2 },
      fx.ctx,
    );
    expect(r.total_count).toBe(3);
    expect(r.users.map((u) => u.primary_email)).toEqual(["admin@example.com", "member@example.com"]);
    expect(
      (await failure(runAction(actions.listUsers, { user_id: ["nope"] }, fx.ctx))).fieldErrors,
    ).toHaveProperty("user_id.0");
    expect((await failure(runAction(actions.listUsers, { user_id: [] }, fx.ctx))).code).toBe(
      "validation_failed",
    );
  });

  it("listUsers: out-of-range input is refused before Clerk", async () => {
    expect((await failure(runAction(actions.listUsers, { limit: 501 }, fx.ctx))).fieldErrors).toHaveProperty(
      "limit",
    );
  });

  it("countUsers counts all or filtered", async () => {
    expect(await runAction(actions.countUsers, {}, fx.ctx)).toEqual({ total_count: fx.lc.state.users.size });
    expect(await runAction(actions.countUsers, { email_address: "admin@example.com" }, fx.ctx)).toEqual({
      total_count: 1,
    });
    expect((await failure(runAction(actions.countUsers, { query: 5 }, fx.ctx))).code).toBe(
      "validation_failed",
    );
  });

  it("listInvitations filters by status and reports total_count", async () => {
    const all = await runAction(actions.listInvitations, { limit: 500 }, fx.ctx);
    expect(all.total_count).toBeGreaterThan(0);
    const pending = await runAction(actions.listInvitations, { status: "pending", limit: 500 }, fx.ctx);
    expect(pending.invitations.every((i) => i.status === "pending")).toBe(true);
    expect(pending.total_count).toBe(pending.invitations.length);
    expect(pending.invitations[0]).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      expires_at: expect.any(Number),
    });
    expect(
      (await failure(runAction(actions.listInvitations, { status: "lost" }, fx.ctx))).fieldErrors,
    ).toHaveProperty("status");
  });

  it("listSessions lists a user's sessions; an unknown user is not_found", async () => {
    const id = fx.userIdByEmail("member@example.com");
    const created = await fx.ctx.clerk.sessions.createSession({ userId: id });
    const out = await runAction(actions.listSessions, { user_id: id, status: "active" }, fx.ctx);
    expect(out.sessions.map((s) => s.id)).toContain(created.id);
    expect(out.sessions.every((s) => s.user_id === id && s.status === "active")).toBe(true);
    expect((await failure(runAction(actions.listSessions, { user_id: MISSING_USER }, fx.ctx))).code).toBe(
      "not_found",
    );
  });
});
