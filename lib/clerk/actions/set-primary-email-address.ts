import { defineIdentifierAction } from "./user-identifier";

export const setPrimaryEmailAddress = defineIdentifierAction({
  name: "setPrimaryEmailAddress",
  title: "Set primary email",
  description:
    "Make one of a user's verified email addresses the primary one (where Clerk sends mail). Needs human approval.",
  kind: "email",
  op: "primary",
});
