// When an impersonation link was used: a real actor-token sign-in through Local Clerk's FAPI, recorded
// as the session.created webhook would (lib/sign-ins), then read back from the audit register.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionContext } from "@/lib/clerk/action-context";
import { setLogSink } from "@/lib/errors";
import { recordSignIns, signInFromSessionJson } from "@/lib/sign-ins/record";
import { executeWrite } from "@/lib/writes/execute-write";
import { type ClerkFixture, startClerkFixture } from "@/test/support/clerk-fixture";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { LOCAL_SECRET_KEY } from "../../../local-clerk/src/app-env";
import { FapiTestClient } from "../../../local-clerk/src/fapi/test-client";
import { impersonateUser } from "./impersonate-user";
import { impersonationsFromAudit } from "./list-impersonations";

setLogSink(() => {});
const Q = "?__clerk_api_version=2026-08-20&_clerk_js_version=6.40.0";
let fx: ClerkFixture;
let tdb: TestDatabase;
let admin = { userId: "", email: "admin@example.com" };

beforeAll(async () => {
  [fx, tdb] = await Promise.all([startClerkFixture({ seedUsers: 5 }), createTestDatabase("pglite")]);
  admin = { userId: fx.userIdByEmail("admin@example.com"), email: "admin@example.com" };
});
afterAll(async () => {
  await Promise.all([fx?.stop(), tdb?.destroy()]);
});

const ctx = () => actionContext({ clerk: fx.ctx.clerk, db: tdb.db });

async function impersonate(userId: string, reason: string) {
  const { result } = await executeWrite({
    db: tdb.db,
    ctx: ctx(),
    action: impersonateUser,
    input: { user_id: userId, reason },
    actor: admin,
    source: "console",
  });
  return { id: result.id, ticket: new URL(result.url).searchParams.get("__clerk_ticket") ?? result.token };
}

/** Opens the link in a fresh browser client; records the session as the webhook would. */
async function useTicket(ticket: string): Promise<{ status: number; sessionId: string | null }> {
  const c = new FapiTestClient(fx.lc.url);
  const r = await c.json<{ response?: { created_session_id?: string } }>("POST", `/v1/client/sign_ins${Q}`, {
    strategy: "ticket",
    ticket,
  });
  const sessionId = r.body.response?.created_session_id ?? null;
  if (sessionId) {
    const res = await fetch(`${fx.lc.url}/v1/sessions/${sessionId}`, {
      headers: { authorization: `Bearer ${LOCAL_SECRET_KEY}` },
    });
    const row = signInFromSessionJson((await res.json()) as Record<string, unknown>, "webhook");
    await recordSignIns(row ? [row] : [], tdb.db);
  }
  return { status: r.status, sessionId };
}

describe("impersonation use", () => {
  it("records when the link signed a browser in; an unused link stays active; a replay adds no use", async () => {
    const user = await fx.ctx.clerk.users.createUser({ emailAddress: [`imp-use-${Date.now()}@example.com`] });
    const used = await impersonate(user.id, "ticket 1: used");
    const unused = await impersonate(user.id, "ticket 2: never opened");

    const first = await useTicket(used.ticket);
    expect(first.status).toBe(200);
    expect(first.sessionId).toMatch(/^sess_/);
    const replay = await useTicket(used.ticket);
    expect(replay.sessionId).toBeNull();

    const entries = await impersonationsFromAudit({ userId: user.id, db: tdb.db });
    const byId = new Map(entries.map((e) => [e.token_id, e]));
    const session = await fx.ctx.clerk.sessions.getSession(first.sessionId!);
    expect(byId.get(used.id)).toMatchObject({
      used_at: session.createdAt,
      used_session_id: first.sessionId,
      active: false,
      revoked: false,
    });
    expect(byId.get(unused.id)).toMatchObject({ used_at: null, used_session_id: null, active: true });
  });

  it("a sign-in by another actor, or before the link existed, is not its use", async () => {
    const user = await fx.ctx.clerk.users.createUser({
      emailAddress: [`imp-use2-${Date.now()}@example.com`],
    });
    const early = Date.now() - 60_000;
    await recordSignIns(
      [
        {
          sessionId: `sess_early${Date.now()}`,
          userId: user.id,
          signedInAt: new Date(early),
          status: "active",
          actorId: admin.userId,
          source: "webhook",
        },
        {
          sessionId: `sess_other${Date.now()}`,
          userId: user.id,
          signedInAt: new Date(Date.now() + 1000),
          status: "active",
          actorId: "user_someoneelse",
          source: "webhook",
        },
      ],
      tdb.db,
    );
    const token = await impersonate(user.id, "ticket 3");
    const [entry] = await impersonationsFromAudit({ userId: user.id, db: tdb.db });
    expect(entry).toMatchObject({ token_id: token.id, used_at: null, active: true });
  });
});
