import { defineUserFlagAction } from "./user-flag";

export const lockUser = defineUserFlagAction({
  name: "lockUser",
  title: "Lock user",
  description:
    "Lock a user's account so they cannot sign in until unlocked (like too many failed attempts). Needs human approval.",
  flag: "locked",
  value: true,
});
