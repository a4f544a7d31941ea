import { defineIdentifierAction } from "./user-identifier";

export const verifyEmailAddress = defineIdentifierAction({
  name: "verifyEmailAddress",
  title: "Mark email verified",
  description:
    "Mark one of a user's email addresses as verified (e.g. after checking it by other means). Needs human approval.",
  kind: "email",
  op: "verify",
});
