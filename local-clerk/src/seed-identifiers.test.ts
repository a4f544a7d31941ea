import { describe, expect, it } from "vitest";
import { SEEDED_ACCOUNTS } from "./app-env";
import { seedState } from "./seed";
import { State } from "./state/store";

const ANCHOR = Date.UTC(2026, 10, 1);

function seeded(users: number, seed?: number) {
  const state = new State();
  const result = seedState(state, { users, seed, anchor: ANCHOR });
  return { state, result };
}

const identifiers = (state: State) => {
  const snap = state.snapshot();
  return {
    users: snap.users.map((u) => [
      u.emails.map((e) => [e.id, e.email_address, e.verified]),
      u.phones?.map((p) => [p.id, p.phone_number, p.reserved_for_second_factor]),
      u.primary_phone_number_id,
      u.web3_wallets,
      u.external_accounts,
      u.passkeys,
      u.totp_enabled,
      u.backup_codes,
    ]),
    waitlist: snap.waitlist_entries,
    templates: snap.jwt_templates,
  };
};

describe("seeded identifiers, waitlist and JWT template", () => {
  it("are deterministic for the same size, seed and anchor", () => {
    expect(identifiers(seeded(500).state)).toEqual(identifiers(seeded(500).state));
    expect(identifiers(seeded(500, 1).state).users).not.toEqual(identifiers(seeded(500).state).users);
  });

  it("give generated users several emails and phone numbers, second factors and OAuth accounts; the fixed accounts none", () => {
    const { state, result } = seeded(2000);
    const users = [...state.users.all()];
    expect(users.filter((u) => u.emails.length > 1).length).toBeGreaterThan(150);
    expect(users.filter((u) => (u.phones?.length ?? 0) > 0).length).toBeGreaterThan(600);
    expect(users.filter((u) => (u.phones?.length ?? 0) > 1).length).toBeGreaterThan(40);
    expect(users.filter((u) => u.phones?.some((p) => p.reserved_for_second_factor)).length).toBeGreaterThan(
      50,
    );
    expect(users.filter((u) => u.totp_enabled && u.backup_codes?.length === 10).length).toBeGreaterThan(80);
    expect(users.filter((u) => u.web3_wallets?.length).length).toBeGreaterThan(20);
    expect(users.filter((u) => u.passkeys?.length).length).toBeGreaterThan(40);
    const providers = new Set(users.flatMap((u) => u.external_accounts ?? []).map((a) => a.provider));
    expect([...providers].sort()).toEqual(["oauth_github", "oauth_google"]);
    for (const u of users) {
      if (u.phones?.length) expect(u.primary_phone_number_id).toBe(u.phones[0]?.id);
    }
    // Every phone number and email is unique and findable.
    const phones = users.flatMap((u) => u.phones ?? []).map((p) => p.phone_number);
    expect(new Set(phones).size).toBe(phones.length);
    expect(state.users.findByPhone(phones[0] as string)).toBeDefined();
    for (const acct of SEEDED_ACCOUNTS) {
      const u = state.findUserByEmail(acct.email)!;
      expect([u.emails.length, u.phones, u.totp_enabled]).toEqual([1, undefined, undefined]);
    }
    expect(result.identifiers.phones).toBe(phones.length);

    const entries = [...state.admin.waitlist.all()];
    expect(entries.length).toBe(10);
    expect(new Set(entries.map((e) => e.status)).has("pending")).toBe(true);
    for (const e of entries.filter((x) => x.status === "invited")) {
      expect(state.invitations.get(e.invitation_id!)?.email_address).toBe(e.email_address);
    }
    expect(state.admin.jwtTemplates.all().map((t) => t.name)).toEqual(["supabase"]);
  });
});
