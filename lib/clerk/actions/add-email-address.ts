import { defineIdentifierAction } from "./user-identifier";

export const addEmailAddress = defineIdentifierAction({
  name: "addEmailAddress",
  title: "Add email address",
  description:
    "Add an email address to a user, optionally already verified and/or primary. Refused if another user has it. Needs human approval.",
  kind: "email",
  op: "add",
});
