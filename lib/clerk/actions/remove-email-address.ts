import { defineIdentifierAction } from "./user-identifier";

export const removeEmailAddress = defineIdentifierAction({
  name: "removeEmailAddress",
  title: "Remove email address",
  description: "Remove one of a user's email addresses (not the primary one). Needs human approval.",
  kind: "email",
  op: "remove",
});
