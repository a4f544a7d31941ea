import { defineIdentifierAction } from "./user-identifier";

export const addPhoneNumber = defineIdentifierAction({
  name: "addPhoneNumber",
  title: "Add phone number",
  description:
    "Add a phone number (E.164) to a user, optionally already verified and/or primary. Refused if another user has it. Needs human approval.",
  kind: "phone",
  op: "add",
});
