import { defineUserFlagAction } from "./user-flag";

export const unbanUser = defineUserFlagAction({
  name: "unbanUser",
  title: "Unban user",
  description: "Lift a ban so the user can sign in again. Needs human approval.",
  flag: "banned",
  value: false,
});
