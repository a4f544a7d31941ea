import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clerkErrorOf, startTestClerk } from "@/test/support/local-clerk";
import { conformanceCaller, specOperations } from "@/test/support/org-conformance";
import { conformingSdk } from "@/test/support/sdk-conformance";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let s: ReturnType<typeof conformingSdk>;

beforeAll(async () => {
  h = await startTestClerk({ seedUsers: 40 });
  s = conformingSdk(h);
});
afterAll(async () => {
  s.restore();
  await h.stop();
});

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

describe("the 35 Users operations through @clerk/backend (raw where it has no method), bodies per the spec", () => {
  it("calls every operation of the Users tag; the SDK's answers match the spec", async () => {
    const { clerk } = s;
    const raw = conformanceCaller(h);
    // The SDK's types lack web3Wallet and provider filters; it still sends them (snake_cased), as to Clerk.
    type CreateParams = Parameters<typeof clerk.users.createUser>[0];
    type CountParams = Parameters<typeof clerk.users.getCount>[0];
    const created = await clerk.users.createUser({
      emailAddress: ["users-conf@example.org", "users-conf2@example.org"],
      phoneNumber: ["+15555550101"],
      web3Wallet: ["0x52908400098527886E0F7030069857D2E4169EE7"],
      username: "usersconf",
      password: "users-conf-password",
      totpSecret: "AICJ3HCXKO4KOU6NDHOX5Q6CZ5PN36TT",
      backupCodes: ["backup-1111", "backup-2222"],
      publicMetadata: { plan: "pro" },
    } as CreateParams);
    expect(created.phoneNumbers[0]?.phoneNumber).toBe("+15555550101");
    expect(created.primaryPhoneNumberId).toBe(created.phoneNumbers[0]?.id);
    expect(created.web3Wallets).toHaveLength(1);
    expect([created.totpEnabled, created.backupCodeEnabled, created.twoFactorEnabled]).toEqual([
      true,
      true,
      true,
    ]);
    const id = created.id;
    // Passkeys and OAuth accounts are made in a browser, never through BAPI: give this user one of each.
    h.state.users.modify(id, (u, now) => ({
      ...u,
      passkeys: [{ id: "idn_passkeyconf", name: "Laptop", last_used_at: now, created_at: now }],
      external_accounts: [
        {
          id: "eac_conf",
          provider: "oauth_google",
          provider_user_id: "g-123",
          email_address: "users-conf@example.org",
          first_name: "Con",
          last_name: "F",
          created_at: now,
          updated_at: now,
        },
      ],
    }));

    const list = await clerk.users.getUserList({ phoneNumber: ["+15555550101"], limit: 5 });
    expect(list.data.map((u) => u.id)).toEqual([id]);
    expect(
      await clerk.users.getCount({ provider: "oauth_google", providerUserId: ["g-123"] } as CountParams),
    ).toBe(1);
    expect((await clerk.users.getUser(id)).externalAccounts[0]?.provider).toBe("oauth_google");
    await clerk.users.updateUser(id, {
      firstName: "Conny",
      primaryPhoneNumberID: created.phoneNumbers[0]?.id,
    });
    await clerk.users.updateUserMetadata(id, { privateMetadata: { a: 1 } });
    await clerk.users.replaceUserMetadata(id, { unsafeMetadata: { b: 2 } });
    await clerk.users.lockUser(id);
    await clerk.users.unlockUser(id);
    await clerk.users.banUser(id);
    await clerk.users.unbanUser(id);
    const other = h.state.findUserByEmail("viewer@example.com")!.id;
    const banned = await raw.call("POST", "/v1/users/ban", "/users/ban", { user_ids: [id, other] });
    expect(banned.map((u: { banned: boolean }) => u.banned)).toEqual([true, true]);
    await raw.call("POST", "/v1/users/unban", "/users/unban", { user_ids: [id, other] });

    const withImage = await clerk.users.updateUserProfileImage(id, {
      file: new Blob([PNG], { type: "image/png" }),
    });
    expect(withImage.hasImage).toBe(true);
    expect((await fetch(withImage.imageUrl)).headers.get("content-type")).toBe("image/png");
    expect((await clerk.users.deleteUserProfileImage(id)).hasImage).toBe(false);

    expect(await clerk.users.verifyPassword({ userId: id, password: "users-conf-password" })).toEqual({
      verified: true,
    });
    expect(await clerk.users.verifyTOTP({ userId: id, code: "424242" })).toEqual({
      verified: true,
      code_type: "totp",
    });
    const backup = await clerk.users.verifyTOTP({ userId: id, code: "backup-1111" });
    expect(backup).toEqual({ verified: true, code_type: "backup_code" });
    // A backup code works once.
    expect((await clerkErrorOf(clerk.users.verifyTOTP({ userId: id, code: "backup-1111" }))).status).toBe(
      422,
    );
    await clerk.users.deleteUserTOTP(id);
    await clerk.users.deleteUserBackupCodes(id);
    await clerk.users.disableUserMFA(id);
    expect((await clerk.users.getUser(id)).twoFactorEnabled).toBe(false);
    await clerk.users.deleteUserPasskey({ userId: id, passkeyIdentificationId: "idn_passkeyconf" });
    const wallet = created.web3Wallets[0]!.id;
    await clerk.users.deleteUserWeb3Wallet({ userId: id, web3WalletIdentificationId: wallet });
    await clerk.users.deleteUserExternalAccount({ userId: id, externalAccountId: "eac_conf" });
    await clerk.users.getUser(id);
    const after = s.last();
    expect([after.passkeys.length, after.web3_wallets.length, after.external_accounts.length]).toEqual([
      0, 0, 0,
    ]);

    expect((await clerk.users.getUserOauthAccessToken(id, "google")).data).toEqual([]);
    await clerk.users.getOrganizationMembershipList({ userId: id });
    await clerk.users.getOrganizationInvitationList({ userId: id });
    await raw.call("GET", `/v1/users/${id}/trusted_devices`, "/users/{user_id}/trusted_devices");
    await raw.call(
      "DELETE",
      `/v1/users/${id}/trusted_devices/tdev_none`,
      "/users/{user_id}/trusted_devices/{trusted_device_id}",
      undefined,
      404,
    );
    await clerk.users.setPasswordCompromised(id, { revokeAllSessions: true });
    await clerk.users.unsetPasswordCompromised(id);
    expect((await clerk.users.removePassword(id, { signOutOfOtherSessions: true })).passwordEnabled).toBe(
      false,
    );

    expect((await clerkErrorOf(clerk.billing.getUserBillingSubscription(id))).status).toBe(404);
    await raw.call("GET", `/v1/users/${id}/billing/credits`, "/users/{user_id}/billing/credits");
    const credit = { amount: 500, action: "increase", currency: "USD", idempotency_key: "k1" };
    await raw.call("POST", `/v1/users/${id}/billing/credits`, "/users/{user_id}/billing/credits", credit);
    const balance = await raw.call(
      "GET",
      `/v1/users/${id}/billing/credits`,
      "/users/{user_id}/billing/credits",
    );
    expect(balance.balance.amount).toBe(500);
    await clerk.users.deleteUser(id);

    const all = new Set([...s.called, ...raw.called]);
    const missing = specOperations(["Users"]).filter((op) => !all.has(op));
    expect(missing).toEqual([]);
  }, 90_000);
});
