import { describe, expect, it } from "vitest";
import { parseRequest } from "./parse-request";

const write = (tool: string, target: unknown, args: Record<string, unknown>) => ({
  kind: "accountWrite",
  tool,
  target,
  args,
});
const byEmail = (email: string) => ({ by: "email", emails: [email] });

describe("account writes: profile, emails, phones, MFA, image", () => {
  it.each([
    [
      "change the first name of a@x.com to Noel",
      write("updateUserProfile", byEmail("a@x.com"), { first_name: "Noel" }),
    ],
    [
      "set a@x.com's last name to Brennan",
      write("updateUserProfile", byEmail("a@x.com"), { last_name: "Brennan" }),
    ],
    [
      "set the username of a@x.com to mthomas",
      write("updateUserProfile", byEmail("a@x.com"), { username: "mthomas" }),
    ],
    [
      "update the external id of a@x.com to crm_7",
      write("updateUserProfile", byEmail("a@x.com"), { external_id: "crm_7" }),
    ],
    [
      "rename a@x.com to Wendy Lopez",
      write("updateUserProfile", byEmail("a@x.com"), { first_name: "Wendy", last_name: "Lopez" }),
    ],
    [
      "add the email b@y.com to a@x.com",
      write("addEmailAddress", byEmail("a@x.com"), { email_address: "b@y.com" }),
    ],
    [
      "add a verified email address b@y.com for a@x.com",
      write("addEmailAddress", byEmail("a@x.com"), { email_address: "b@y.com", verified: true }),
    ],
    [
      "verify the email b@y.com of a@x.com",
      write("verifyEmailAddress", byEmail("a@x.com"), { email_address: "b@y.com" }),
    ],
    [
      "mark the email b@y.com as verified",
      write("verifyEmailAddress", byEmail("b@y.com"), { email_address: "b@y.com" }),
    ],
    [
      "make b@y.com the primary email of a@x.com",
      write("setPrimaryEmailAddress", byEmail("a@x.com"), { email_address: "b@y.com" }),
    ],
    [
      "remove the email b@y.com from a@x.com",
      write("removeEmailAddress", byEmail("a@x.com"), { email_address: "b@y.com" }),
    ],
    [
      "add the phone number +1 555 777 0001 to a@x.com",
      write("addPhoneNumber", byEmail("a@x.com"), { phone_number: "+15557770001" }),
    ],
    [
      "make +442000000016 the primary phone number of a@x.com",
      write("setPrimaryPhoneNumber", byEmail("a@x.com"), { phone_number: "+442000000016" }),
    ],
    [
      "verify the phone number +15557770002 of a@x.com",
      write("verifyPhoneNumber", byEmail("a@x.com"), { phone_number: "+15557770002" }),
    ],
    [
      "remove the phone number +15550000024 from a@x.com",
      write("removePhoneNumber", byEmail("a@x.com"), { phone_number: "+15550000024" }),
    ],
    ["disable MFA for a@x.com", write("disableMfa", byEmail("a@x.com"), {})],
    ["turn off two-factor authentication for a@x.com", write("disableMfa", byEmail("a@x.com"), {})],
    ["remove the profile picture of a@x.com", write("removeProfileImage", byEmail("a@x.com"), {})],
    ["delete a@x.com's avatar", write("removeProfileImage", byEmail("a@x.com"), {})],
  ])("%s", (text, intent) => {
    expect(parseRequest(text)).toEqual(intent);
  });

  it("sign-in links and impersonation stay in the console: a reply, no write", () => {
    for (const text of [
      "create a sign-in link for a@x.com",
      "impersonate a@x.com",
      "let me sign in as a@x.com",
    ]) {
      const intent = parseRequest(text);
      expect(intent.kind, text).toBe("reply");
      expect(intent.kind === "reply" && intent.message, text).toMatch(/console/);
    }
  });

  it("lists impersonations (active by default, all when asked), of one user when named", () => {
    expect(parseRequest("list active impersonations")).toEqual({ kind: "listImpersonations", all: false });
    expect(parseRequest("show all impersonations of a@x.com")).toEqual({
      kind: "listImpersonations",
      all: true,
      target: byEmail("a@x.com"),
    });
  });

  it("leaves metadata, invitations and organizations to their own grammar", () => {
    expect(parseRequest("set plan=pro for a@x.com").kind).toBe("updateMetadata");
    expect(parseRequest("invite a@x.com without sending an email").kind).toBe("invite");
    expect(parseRequest("remove the plan key from a@x.com").kind).toBe("updateMetadata");
  });
});
