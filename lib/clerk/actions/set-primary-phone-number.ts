import { defineIdentifierAction } from "./user-identifier";

export const setPrimaryPhoneNumber = defineIdentifierAction({
  name: "setPrimaryPhoneNumber",
  title: "Set primary phone",
  description: "Make one of a user's verified phone numbers the primary one. Needs human approval.",
  kind: "phone",
  op: "primary",
});
