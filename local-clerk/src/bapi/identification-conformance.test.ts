import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertWebhookConforms } from "@/test/support/clerk-webhook-spec";
import { startTestClerk } from "@/test/support/local-clerk";
import { conformanceCaller, specOperations } from "@/test/support/org-conformance";
import { conformingSdk } from "@/test/support/sdk-conformance";
import { startWebhookReceiver } from "@/test/support/webhook-receiver";
import type { LocalClerkHandle } from "../index";

let h: LocalClerkHandle;
let s: ReturnType<typeof conformingSdk>;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  h = await startTestClerk({ seedUsers: 40, webhookUrl: hooks.url, webhookRetryDelaysMs: [50] });
  s = conformingSdk(h);
});
afterAll(async () => {
  s.restore();
  await h.stop();
  await hooks.close();
});

describe("email addresses and phone numbers (14 operations) through @clerk/backend, bodies per the spec", () => {
  it("creates, reads, updates, verifies with the local code, replaces and deletes", async () => {
    const { clerk } = s;
    const raw = conformanceCaller(h);
    const user = await clerk.users.createUser({
      emailAddress: ["ident@example.org"],
      skipPasswordRequirement: true,
    });

    // Email addresses
    const second = await clerk.emailAddresses.createEmailAddress({
      userId: user.id,
      emailAddress: "ident.two@example.org",
    });
    expect(second.verification).toBeNull();
    expect((await clerk.users.getUserList({ emailAddress: ["ident.two@example.org"] })).data[0]?.id).toBe(
      user.id,
    );
    await clerk.emailAddresses.getEmailAddress(second.id);
    const prep = await raw.call(
      "POST",
      `/v1/email_addresses/${second.id}/prepare_verification`,
      "/email_addresses/{email_address_id}/prepare_verification",
    );
    expect(prep).toMatchObject({
      object: "verification",
      status: "unverified",
      strategy: "email_code",
      attempts: 0,
    });
    const attempt = (code: string) =>
      raw.call(
        "POST",
        `/v1/email_addresses/${second.id}/attempt_verification`,
        "/email_addresses/{email_address_id}/attempt_verification",
        { verification_id: prep.id, code },
      );
    expect(await attempt("000000")).toMatchObject({ status: "unverified", attempts: 1 });
    expect(await attempt("424242")).toMatchObject({ status: "verified", attempts: 2 });
    expect((await clerk.emailAddresses.getEmailAddress(second.id)).verification?.status).toBe("verified");
    const primary = await clerk.emailAddresses.updateEmailAddress(second.id, { primary: true });
    expect(primary.id).toBe(second.id);
    expect((await clerk.users.getUser(user.id)).primaryEmailAddressId).toBe(second.id);
    await clerk.emailAddresses.deleteEmailAddress(second.id);
    expect((await clerk.users.getUser(user.id)).primaryEmailAddressId).toBe(user.emailAddresses[0]?.id);
    const replaced = await clerk.users.replaceUserEmailAddress(user.id, {
      emailAddress: "ident.new@example.org",
    });
    const after = await clerk.users.getUser(user.id);
    expect(after.emailAddresses.map((e) => e.emailAddress)).toEqual(["ident.new@example.org"]);
    expect(after.primaryEmailAddressId).toBe(replaced.id);

    // Phone numbers
    const phone = await clerk.phoneNumbers.createPhoneNumber({
      userId: user.id,
      phoneNumber: "+15555550142",
    });
    expect(phone.verification).toBeNull();
    await clerk.phoneNumbers.getPhoneNumber(phone.id);
    const pp = await raw.call(
      "POST",
      `/v1/phone_numbers/${phone.id}/prepare_verification`,
      "/phone_numbers/{phone_number_id}/prepare_verification",
    );
    expect(pp.strategy).toBe("phone_code");
    await raw.call(
      "POST",
      `/v1/phone_numbers/${phone.id}/attempt_verification`,
      "/phone_numbers/{phone_number_id}/attempt_verification",
      { verification_id: pp.id, code: "424242" },
    );
    const mfa = await clerk.phoneNumbers.updatePhoneNumber(phone.id, {
      primary: true,
      reservedForSecondFactor: true,
    });
    expect(mfa.reservedForSecondFactor).toBe(true);
    const withPhone = await clerk.users.getUser(user.id);
    expect([withPhone.primaryPhoneNumberId, withPhone.twoFactorEnabled]).toEqual([phone.id, true]);
    expect((await clerk.users.getUserList({ phoneNumber: ["+15555550142"] })).data.map((u) => u.id)).toEqual([
      user.id,
    ]);
    await clerk.phoneNumbers.deletePhoneNumber(phone.id);
    const replacedPhone = await clerk.users.replaceUserPhoneNumber(user.id, { phoneNumber: "+15555550143" });
    expect((await clerk.users.getUser(user.id)).primaryPhoneNumberId).toBe(replacedPhone.id);

    const all = new Set([...s.called, ...raw.called]);
    expect(specOperations(["Email Addresses", "Phone Numbers"]).filter((op) => !all.has(op))).toEqual([]);

    // No mail or SMS leaves Local Clerk: the messages, with the code, arrive as Clerk's events.
    const events = await hooks.until(["email.created", "sms.created"]);
    const email = events.find((e) => e.type === "email.created")!;
    expect(email.data).toMatchObject({ to_email_address: "ident.two@example.org", user_id: user.id });
    expect(email.data.data.otp_code).toBe("424242");
    expect(events.find((e) => e.type === "sms.created")!.data.to_phone_number).toBe("+15555550142");
    for (const e of events.filter((x) => x.type === "email.created" || x.type === "sms.created")) {
      assertWebhookConforms(e);
    }
  }, 90_000);
});
