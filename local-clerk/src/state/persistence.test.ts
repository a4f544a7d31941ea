import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { raw, sdk, startTestClerk } from "@/test/support/local-clerk";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "local-clerk-h1-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("persistence in dataDir", () => {
  it("keeps users, metadata, invitations, sessions and the signing key across a restart", async () => {
    const dataDir = tempDir();
    const first = await startTestClerk({ dataDir, seedUsers: 50 });
    const clerk = sdk(first);
    const user = await clerk.users.createUser({
      emailAddress: ["persist@example.org"],
      password: "persist-password-1",
    });
    await clerk.users.updateUserMetadata(user.id, { publicMetadata: { plan: "pro", nested: { a: 1 } } });
    const inv = await clerk.invitations.createInvitation({ emailAddress: "persist-invite@example.org" });
    const session = (await raw(first, "POST", "/v1/sessions", { user_id: user.id })).json;
    const jwks = (await raw(first, "GET", "/v1/jwks")).json;
    const count = first.state.users.size;
    await first.stop();
    expect(readdirSync(dataDir).sort()).toEqual(["signing-key.pem", "state.json"]);

    const second = await startTestClerk({ dataDir, seedUsers: 50 });
    try {
      expect(second.seeded).toBeUndefined(); // not reseeded: the data dir had state
      expect(second.state.users.size).toBe(count);
      const again = await sdk(second).users.getUser(user.id);
      expect(again.publicMetadata).toEqual({ plan: "pro", nested: { a: 1 } });
      expect(
        (await sdk(second).users.verifyPassword({ userId: user.id, password: "persist-password-1" }))
          .verified,
      ).toBe(true);
      expect((await sdk(second).invitations.getInvitationList({ query: "persist-invite" })).data[0]?.id).toBe(
        inv.id,
      );
      expect((await sdk(second).sessions.getSession(session.id)).status).toBe("active");
      expect((await raw(second, "GET", "/v1/jwks")).json).toEqual(jwks);
      // Search still works on restored users (the search index is rebuilt).
      expect((await sdk(second).users.getUserList({ query: "persist@" })).totalCount).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it("saves the seed itself, so a restart without any change neither reseeds nor loses users", async () => {
    const dataDir = tempDir();
    const first = await startTestClerk({ dataDir, seedUsers: 30 });
    const ids = [...first.state.users.all()].map((u) => u.id).sort();
    await first.stop();
    expect(readdirSync(dataDir)).toContain("state.json");
    const second = await startTestClerk({ dataDir, seedUsers: 30 });
    try {
      expect(second.seeded).toBeUndefined();
      expect([...second.state.users.all()].map((u) => u.id).sort()).toEqual(ids);
    } finally {
      await second.stop();
    }
  });

  it("writes changes without a stop (debounced) via temp file + rename", async () => {
    const dataDir = tempDir();
    const h = await startTestClerk({ dataDir });
    try {
      await sdk(h).users.createUser({ emailAddress: ["debounced@example.org"] });
      await new Promise((r) => setTimeout(r, 600));
      const files = readdirSync(dataDir);
      expect(files).toContain("state.json");
      expect(files.some((f) => f.endsWith(".tmp"))).toBe(false);
      const { loadSnapshot } = await import("./persistence");
      expect(
        loadSnapshot(dataDir)?.users.some((u) => u.emails[0]?.email_address === "debounced@example.org"),
      ).toBe(true);
    } finally {
      await h.stop();
    }
  });

  it("writes the same snapshot in async chunks as in one synchronous write", async () => {
    const { State } = await import("./store");
    const { seedState } = await import("../seed");
    const { loadSnapshot, writeSnapshot, writeSnapshotAsync } = await import("./persistence");
    const state = new State();
    seedState(state, { users: 4_500, anchor: Date.UTC(2026, 0, 1) });
    const [a, b] = [tempDir(), tempDir()];
    writeSnapshot(a, state.snapshot());
    await writeSnapshotAsync(b, state.snapshot());
    expect(loadSnapshot(b)).toEqual(loadSnapshot(a));
    expect(loadSnapshot(b)?.users).toHaveLength(4_500);
  });

  it("--reset wipes state and the key, then reseeds", async () => {
    const dataDir = tempDir();
    const a = await startTestClerk({ dataDir, seedUsers: 30 });
    await sdk(a).users.createUser({ emailAddress: ["gone@example.org"] });
    const kid = a.context.key.kid;
    await a.stop();
    const b = await startTestClerk({ dataDir, seedUsers: 30, reset: true });
    try {
      expect(b.seeded?.users).toBe(30);
      expect(b.state.findUserByEmail("gone@example.org")).toBeUndefined();
      expect(b.context.key.kid).not.toBe(kid);
    } finally {
      await b.stop();
    }
  });

  it("refuses a corrupt state file loudly instead of starting empty", async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, "state.json"), '{"version": 99}');
    await expect(startTestClerk({ dataDir })).rejects.toThrow(/--reset/);
    expect(existsSync(join(dataDir, "state.json"))).toBe(true);
  });
});
