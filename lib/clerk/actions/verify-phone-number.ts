import { defineIdentifierAction } from "./user-identifier";

export const verifyPhoneNumber = defineIdentifierAction({
  name: "verifyPhoneNumber",
  title: "Mark phone verified",
  description: "Mark one of a user's phone numbers as verified. Needs human approval.",
  kind: "phone",
  op: "verify",
});
