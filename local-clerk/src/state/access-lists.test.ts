import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sdk, startTestClerk } from "@/test/support/local-clerk";
import { AccessListStore } from "./access-lists";
import { OffsetClock } from "./store";

function store(): AccessListStore {
  return new AccessListStore(new OffsetClock(), () => {});
}

describe("AccessListStore", () => {
  it("matches emails by address, domain (both spellings) and without a subaddress; phones and wallets exactly", () => {
    const s = store();
    s.add("blocklist", "Jane@Acme.com");
    s.add("blocklist", "*@spam.test");
    s.add("blocklist", "junk.test");
    s.add("blocklist", "+15555550100");
    s.add("blocklist", "0x52908400098527886E0F7030069857D2E4169EE7");
    for (const hit of [
      "jane@acme.com",
      "JANE+promo@acme.com",
      "x@spam.test",
      "y@junk.test",
      "+15555550100",
      "0x52908400098527886e0f7030069857d2e4169ee7",
    ]) {
      expect(s.listed("blocklist", hit), hit).toBe(true);
    }
    for (const miss of ["john@acme.com", "jane@acme.co", "x@sub.spam.test", "+15555550101"]) {
      expect(s.listed("blocklist", miss), miss).toBe(false);
    }
    expect(s.listed("allowlist", "jane@acme.com")).toBe(false);
  });

  it("enforces only what is switched on: allow-list first (it wins over the block-list), then the block-list", () => {
    const s = store();
    s.add("allowlist", "both@acme.com");
    s.add("blocklist", "acme.com");
    expect(() => s.assertAllowed("both@acme.com", "sign_up")).not.toThrow();
    s.updateRestrictions({ blocklist: true });
    expect(() => s.assertAllowed("other@acme.com", "sign_up")).toThrow(
      /not allowed to access this application/,
    );
    expect(() => s.assertAllowed("both@acme.com", "sign_up")).toThrow();
    s.updateRestrictions({ allowlist: true });
    expect(() => s.assertAllowed("both@acme.com", "sign_up")).not.toThrow();
    expect(() => s.assertAllowed("new@elsewhere.test", "sign_in")).toThrow();
    s.updateRestrictions({ allowlist_blocklist_disabled_on_sign_in: true });
    expect(() => s.assertAllowed("new@elsewhere.test", "sign_in")).not.toThrow();
    expect(() => s.assertAllowed("new@elsewhere.test", "sign_up")).toThrow();
    s.updateRestrictions({ allowlist: false, blocklist: false, block_email_subaddresses: true });
    expect(() => s.assertAllowed("a+b@x.test", "sign_up")).toThrow(/must not contain/);
  });
});

describe("persistence", () => {
  it("keeps list entries, restrictions and tickets across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "local-clerk-access-"));
    try {
      const first = await startTestClerk({ dataDir, seedUsers: 20 });
      const clerk = sdk(first);
      const member = first.state.findUserByEmail("member@example.com")!.id;
      const entry = await clerk.allowlistIdentifiers.createAllowlistIdentifier({
        identifier: "kept.test",
        notify: false,
      });
      await clerk.instance.updateRestrictions({ allowlist: true });
      const token = await clerk.actorTokens.create({ userId: member, actor: { sub: "user_support" } });
      await first.stop();

      const second = await startTestClerk({ dataDir, seedUsers: 20 });
      try {
        const list = await sdk(second).allowlistIdentifiers.getAllowlistIdentifierList();
        expect(list.data.map((i) => i.id)).toContain(entry.id);
        expect(second.state.access.restrictions).toMatchObject({ allowlist: true, blocklist: true });
        expect(second.state.tickets.get(token.id)).toMatchObject({ status: "pending", token: token.token });
        expect((await sdk(second).actorTokens.revoke(token.id)).status).toBe("revoked");
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
