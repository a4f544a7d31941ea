import { defineIdentifierAction } from "./user-identifier";

export const removePhoneNumber = defineIdentifierAction({
  name: "removePhoneNumber",
  title: "Remove phone number",
  description: "Remove one of a user's phone numbers (not the primary one). Needs human approval.",
  kind: "phone",
  op: "remove",
});
